// Subscribes to a running jpm daemon's `stats` topic and prints, for each message, the milliseconds between the
// interval's tick (the message's `ts`) and its arrival here. Usage (JPM_HOME set):
//   java -cp 'tui/target/lib/*' bench/stats-latency.java <messages>
import io.jpm.ipc.ControlClient;
import io.jpm.ipc.CurveKeys;
import io.jpm.ipc.DaemonInfo;
import io.jpm.ipc.EventSubscriber;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.wire.Published;
import io.jpm.ipc.wire.Stats;
import java.util.Optional;

public class StatsLatency {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        JpmHome home = JpmHome.fromEnvironment(System.getenv());
        DaemonInfo daemon = DaemonInfo.read(home).orElseThrow(() -> new IllegalStateException("no daemon in " + home));
        CurveKeys.Pair keys = CurveKeys.read(home.keys().resolve("client.key"));
        try (ControlClient control = new ControlClient(daemon, keys);
                EventSubscriber sub = new EventSubscriber(daemon, keys, "stats")) {
            if (!sub.awaitSubscribed(control, 10_000)) throw new IllegalStateException("not subscribed");
            int got = 0;
            while (got < n) {
                Optional<Published> e = sub.receive(5_000);
                if (e.isEmpty()) throw new IllegalStateException("no stats message for 5 s");
                if (!(e.get() instanceof Stats stats)) continue;
                long late = System.currentTimeMillis() - stats.ts();
                System.out.println(late + " " + stats.workers().size());
                got++;
            }
        }
    }
}
