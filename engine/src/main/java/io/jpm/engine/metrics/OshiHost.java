package io.jpm.engine.metrics;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

/** The machine's CPU and memory through OSHI. Built lazily on first use, on the sampler's thread. */
public final class OshiHost implements HostReader {
    static {
        OshiLogging.quiet();
    }

    private CentralProcessor cpu;
    private GlobalMemory memory;
    private long[] previousTicks;

    @Override
    public HostUsage sample() {
        if (cpu == null) {
            SystemInfo si = new SystemInfo();
            cpu = si.getHardware().getProcessor();
            memory = si.getHardware().getMemory();
        }
        double load = previousTicks == null ? 0 : cpu.getSystemCpuLoadBetweenTicks(previousTicks) * 100;
        previousTicks = cpu.getSystemCpuLoadTicks();
        long total = memory.getTotal();
        return new HostUsage(
                Math.round(load * 10) / 10.0, cpu.getLogicalProcessorCount(), total - memory.getAvailable(), total);
    }
}
