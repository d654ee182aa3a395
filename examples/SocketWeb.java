// A web worker for cluster mode's socket listen mode, in plain Java (17+). Java takes an inherited socket as
// System.inheritedChannel(), which looks at fd 0, so the socket jpm hands over as fd 3 is moved there:
//   jpm start "sh -c 'exec java examples/SocketWeb.java <&3'" -i 2 --cluster --port 8080 --listen-mode socket
import java.io.IOException;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

public class SocketWeb {
    public static void main(String[] args) throws IOException {
        if (!(System.inheritedChannel() instanceof ServerSocketChannel listener)) {
            throw new IllegalStateException("no listening socket at fd 0: start me with <&3");
        }
        String instance = System.getenv().getOrDefault("JPM_INSTANCE", "0");
        byte[] body = ("hello from instance " + instance + " (pid " + ProcessHandle.current().pid() + ")\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        System.out.println("instance " + instance + " accepting on the inherited socket");
        var threads = Executors.newCachedThreadPool();
        while (true) {
            Socket s = listener.accept().socket();
            threads.submit(() -> {
                try (s) {
                    var in = s.getInputStream();
                    for (int state = 0; state < 4; ) { // read up to the blank line ending the request's head
                        int c = in.read();
                        if (c < 0) return null;
                        state = (c == '\r' && state % 2 == 0) || (c == '\n' && state % 2 == 1) ? state + 1 : 0;
                    }
                    s.getOutputStream().write(head);
                    s.getOutputStream().write(body);
                }
                return null;
            });
        }
    }
}
