package io.jpm.balancer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

    @Test
    void directBuffersAreReusedCleared() {
        BufferPool pool = new BufferPool(64, 2);
        ByteBuffer first = pool.acquire();
        first.put((byte) 1);
        pool.release(first);
        ByteBuffer again = pool.acquire();
        assertSame(first, again);
        assertEquals(0, again.position());
        assertEquals(64, again.remaining());
    }

    @Test
    void directMemoryIsBoundedAndHeapBuffersAreLentBeyondIt() {
        BufferPool pool = new BufferPool(64, 2);
        ByteBuffer a = pool.acquire();
        ByteBuffer b = pool.acquire();
        ByteBuffer c = pool.acquire();
        assertTrue(a.isDirect() && b.isDirect());
        assertFalse(c.isDirect());
        pool.release(a);
        pool.release(b);
        pool.release(c);
        assertEquals(2, pool.directAllocated());
        assertEquals(2, pool.idle(), "heap buffers are not kept");
    }
}
