// A warm javac for the behaviour checks (translate.sandbox.javac_warm): one JVM with the compiler loaded, run in
// the sandbox, compiling one program a request. A request is one line of javac arguments separated by tabs; the
// answer is a line "<exit code> <bytes>" and then that many bytes of javac's diagnostics (UTF-8). Annotation
// processing is off (-proc:none is added to every request), so compiling a program runs none of its code.
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

public final class JavacServer {
    public static void main(String[] args) throws Exception {
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));  // nothing else may write to the channel
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            System.exit(3);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.write("ready\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            List<String> argv = new ArrayList<>();
            argv.add("-proc:none");
            argv.addAll(Arrays.asList(line.split("\t")));
            ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
            int code;
            boolean broken = false;
            try (PrintStream err = new PrintStream(diagnostics, true, StandardCharsets.UTF_8)) {
                code = javac.run(null, err, err, argv.toArray(new String[0]));
            } catch (Throwable t) {  // the compiler itself failed (out of memory, a stack overflow): answer, then stop
                code = 4;
                broken = true;
                diagnostics.write(("javac failed: " + t).getBytes(StandardCharsets.UTF_8));
            }
            byte[] text = diagnostics.toByteArray();
            out.write((code + " " + text.length + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(text);
            out.flush();
            if (broken) {
                System.exit(4);
            }
        }
    }
}
