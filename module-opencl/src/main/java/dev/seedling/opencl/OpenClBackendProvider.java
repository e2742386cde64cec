package dev.seedling.opencl;

import dev.seedling.backend.Availability;
import dev.seedling.backend.Backend;
import dev.seedling.backend.BackendProvider;
import dev.seedling.backend.BackendUnavailableException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registers the OpenCL backend. Discovery lists every platform and device (GPUs first, then accelerators, then CPU
 * devices); {@code opencl} opens the first, {@code opencl:<index>} or {@code opencl:<name fragment>} another.
 *
 * <p>Priority: 100 (above the CPU backend) when a GPU or accelerator is present, so a GPU machine uses it by default;
 * 5 (below the CPU backend) when the only OpenCL devices are CPUs (PoCL), since the Vector API backend is the better
 * way to use a CPU. Either way {@code SEEDLING_BACKEND=opencl} selects it.
 */
public final class OpenClBackendProvider implements BackendProvider {
    private static final Map<Integer, OpenClBackend> OPEN = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public int priority() {
        return Devices.inventory().hasFastDevice() ? 100 : 5;
    }

    @Override
    public Availability probe() {
        try {
            Devices.Inventory inv = Devices.inventory();
            if (inv.devices().isEmpty()) {
                return Availability.no(inv.problem());
            }
            ClDevice first = inv.devices().get(0);
            return Availability.yes(inv.devices().size() + " device(s); default " + first.kind() + " " + first.name()
                    + " (" + first.platformName() + ")" + (inv.hasFastDevice() ? ""
                    : "; only CPU devices, so below the cpu backend unless requested"));
        } catch (RuntimeException | LinkageError e) {
            return Availability.no("OpenCL discovery failed: " + e);
        }
    }

    @Override
    public List<String> details() {
        Devices.Inventory inv = Devices.inventory();
        List<String> lines = new ArrayList<>();
        if (inv.devices().isEmpty()) {
            lines.add("no device: " + inv.problem());
            return lines;
        }
        for (ClDevice d : inv.devices()) {
            String why = d.index() == 0
                    ? "  <- chosen for 'opencl' (first in order GPU, accelerator, CPU)"
                    : "  (not chosen: " + inv.devices().get(0).kind() + " " + inv.devices().get(0).name()
                    + " comes first; select with opencl:" + d.index() + ")";
            lines.add(d.describe() + why);
        }
        return lines;
    }

    @Override
    public Backend open(String device) {
        Devices.Inventory inv = Devices.inventory();
        ClDevice d;
        try {
            d = Devices.choose(inv, device);
        } catch (IllegalArgumentException e) {
            throw new BackendUnavailableException("opencl: " + e.getMessage() + "; devices: " + String.join(" | ",
                    inv.devices().stream().map(ClDevice::describe).toList()));
        }
        try {
            return OPEN.computeIfAbsent(d.index(), i -> new OpenClBackend(d));
        } catch (OpenClException e) {
            throw new BackendUnavailableException("opencl: cannot open " + d.describe() + ": " + e.getMessage(), e);
        }
    }
}
