// CPU cost of one sampling pass over N `sleep` processes: jpm's lean /proc reader against OSHI's per-process calls.
// Prints the median CPU time per pass of each. Usage: java -cp 'engine/target/jpm-engine.jar:engine/target/lib/*'
//   bench/sampler-cost.java <processes> <passes>
import io.jpm.engine.metrics.ProcFs;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

public class SamplerCost {
    interface Pass {
        long run();
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int passes = Integer.parseInt(args[1]);
        List<Process> procs = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) procs.add(new ProcessBuilder("sleep", "600").start());
            long[] pids = procs.stream().mapToLong(Process::pid).toArray();
            ProcFs lean = ProcFs.system();
            long[] out = new long[2];
            OperatingSystem os = new SystemInfo().getOperatingSystem();
            List<OSProcess> kept = new ArrayList<>();
            for (long pid : pids) kept.add(os.getProcess((int) pid));
            measure("jpm ProcFs (stat + statm)", passes, () -> {
                long s = 0;
                for (long pid : pids) if (lean.read(pid, out)) s += out[0] + out[1];
                return s;
            });
            measure("OSHI getProcess(pid)", passes, () -> {
                long s = 0;
                for (long pid : pids) {
                    OSProcess p = os.getProcess((int) pid);
                    if (p != null) s += p.getUserTime() + p.getKernelTime() + p.getResidentSetSize();
                }
                return s;
            });
            measure("OSHI updateAttributes()", passes, () -> {
                long s = 0;
                for (OSProcess p : kept) {
                    p.updateAttributes();
                    s += p.getUserTime() + p.getKernelTime() + p.getResidentSetSize();
                }
                return s;
            });
        } finally {
            procs.forEach(Process::destroyForcibly);
        }
    }

    static void measure(String what, int passes, Pass pass) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 5; i++) pass.run(); // warm-up
        double[] ms = new double[passes];
        long sink = 0;
        for (int i = 0; i < passes; i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            sink += pass.run();
            ms[i] = (mx.getCurrentThreadCpuTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-32s %7.2f ms CPU per pass (median of %d)%s%n", what, ms[passes / 2], passes,
                sink == 42 ? " " : "");
    }
}
