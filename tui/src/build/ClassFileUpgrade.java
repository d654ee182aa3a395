import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.constant.ClassDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Rewrites the classes of a jar compiled for Java 5 or 6 as Java 8 class files with stack map frames, which the
 * JVM's class-data archive and AOT cache can hold (they skip class files older than version 50). Run at build time
 * by tui's pom on JDK 24 and later (the class-file API): {@code java ClassFileUpgrade.java JAR...}, in place.
 */
public final class ClassFileUpgrade {
    private static final int TARGET = ClassFile.JAVA_8_VERSION;

    public static void main(String[] args) throws IOException {
        for (String arg : args) upgrade(Path.of(arg));
    }

    private static void upgrade(Path jar) throws IOException {
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        int upgraded = 0;
        try (JarFile in = new JarFile(jar.toFile());
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp))) {
            ClassFile cf = ClassFile.of(
                    ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(d -> open(in, d)))));
            for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                byte[] bytes;
                try (InputStream s = in.getInputStream(entry)) {
                    bytes = s.readAllBytes();
                }
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                    ClassModel model = cf.parse(bytes);
                    if (model.majorVersion() < TARGET) {
                        bytes = cf.transformClass(
                                model,
                                ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                                        .andThen((b, el) -> b.with(
                                                el instanceof ClassFileVersion ? ClassFileVersion.of(TARGET, 0) : el)));
                        upgraded++;
                    }
                }
                JarEntry copy = new JarEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        if (upgraded == 0) {
            Files.delete(tmp); // already upgraded: leave the jar and its time alone, so caches keyed on it stay valid
            return;
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println(jar.getFileName() + ": " + upgraded + " classes upgraded to class-file version " + TARGET);
    }

    private static InputStream open(JarFile jar, ClassDesc desc) {
        String d = desc.descriptorString();
        JarEntry entry = jar.getJarEntry(d.substring(1, d.length() - 1) + ".class");
        try {
            return entry == null ? null : jar.getInputStream(entry);
        } catch (IOException e) {
            return null;
        }
    }
}
