package dev.seedling.opencl;

import org.jocl.CL;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.jocl.CL.*;

/**
 * Finds every OpenCL device on every platform and orders them for selection: GPUs first, then accelerators, then CPU
 * devices, each group in platform and device order. The result is computed once per JVM.
 */
final class Devices {
    /** What discovery found: the devices in selection order, or why there are none. */
    record Inventory(List<ClDevice> devices, String problem) {
        boolean hasFastDevice() {
            return devices.stream().anyMatch(d -> d.kind() == ClDevice.Kind.GPU || d.kind() == ClDevice.Kind.ACCELERATOR);
        }
    }

    private static volatile Inventory inventory;

    private Devices() {
    }

    static Inventory inventory() {
        Inventory inv = inventory;
        if (inv == null) {
            synchronized (Devices.class) {
                if (inventory == null) {
                    inventory = discover();
                    SignalGuard.checkAfterDriverLoad();
                }
                inv = inventory;
            }
        }
        return inv;
    }

    private static Inventory discover() {
        try {
            CL.setExceptionsEnabled(false);
            int[] count = new int[1];
            int code = clGetPlatformIDs(0, null, count);
            if (code == -1001 || (code == CL_SUCCESS && count[0] == 0)) {
                return new Inventory(List.of(), "the OpenCL loader found no platform (no ICD registered in "
                        + "/etc/OpenCL/vendors; for CPU-only machines install pocl-opencl-icd)");
            }
            Cl.check(code, "clGetPlatformIDs", "this machine");
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            Cl.check(clGetPlatformIDs(platforms.length, platforms, null), "clGetPlatformIDs", "this machine");
            record Raw(cl_platform_id p, cl_device_id d, ClDevice.Kind kind, int order) {
            }
            List<Raw> raw = new ArrayList<>();
            for (cl_platform_id p : platforms) {
                int[] n = new int[1];
                if (clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, n) != CL_SUCCESS || n[0] == 0) {
                    continue;
                }
                cl_device_id[] ds = new cl_device_id[n[0]];
                Cl.check(clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, ds.length, ds, null), "clGetDeviceIDs", "a platform");
                for (cl_device_id d : ds) {
                    long type = Cl.deviceLong(d, CL_DEVICE_TYPE);
                    ClDevice.Kind kind = (type & CL_DEVICE_TYPE_GPU) != 0 ? ClDevice.Kind.GPU
                            : (type & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? ClDevice.Kind.ACCELERATOR
                            : (type & CL_DEVICE_TYPE_CPU) != 0 ? ClDevice.Kind.CPU : ClDevice.Kind.OTHER;
                    raw.add(new Raw(p, d, kind, raw.size()));
                }
            }
            raw.sort(Comparator.comparing(Raw::kind).thenComparingInt(Raw::order));
            List<ClDevice> devices = new ArrayList<>();
            for (Raw r : raw) {
                cl_device_id d = r.d();
                devices.add(new ClDevice(devices.size(), r.p(), d, Cl.platformString(r.p(), CL_PLATFORM_NAME),
                        Cl.platformString(r.p(), CL_PLATFORM_VERSION), Cl.deviceString(d, CL_DEVICE_NAME), r.kind(),
                        Cl.deviceString(d, CL_DEVICE_VERSION), Cl.deviceString(d, CL_DRIVER_VERSION),
                        Cl.deviceLong(d, CL_DEVICE_GLOBAL_MEM_SIZE), Cl.deviceLong(d, CL_DEVICE_MAX_MEM_ALLOC_SIZE),
                        Cl.deviceLong(d, CL_DEVICE_LOCAL_MEM_SIZE), Cl.deviceInt(d, CL_DEVICE_MAX_COMPUTE_UNITS),
                        Cl.deviceSize(d, CL_DEVICE_MAX_WORK_GROUP_SIZE), Cl.deviceString(d, CL_DEVICE_EXTENSIONS)));
            }
            if (devices.isEmpty()) {
                return new Inventory(List.of(), platforms.length + " OpenCL platform(s) but no device (with PoCL 3.1 "
                        + "set POCL_DEVICES=pthread)");
            }
            return new Inventory(List.copyOf(devices), null);
        } catch (LinkageError e) {
            return new Inventory(List.of(), "the OpenCL library (libOpenCL.so.1) could not be loaded: install an ICD "
                    + "loader such as ocl-icd-libopencl1 and a driver (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            return new Inventory(List.of(), "OpenCL discovery failed: " + e.getMessage());
        }
    }

    /**
     * The device a request names: {@code null} or blank for the first in selection order, a number for that index,
     * otherwise the first whose platform or device name contains the text.
     */
    static ClDevice choose(Inventory inv, String request) {
        if (inv.devices().isEmpty()) {
            throw new IllegalArgumentException(inv.problem());
        }
        if (request == null || request.isBlank()) {
            return inv.devices().get(0);
        }
        String r = request.trim();
        if (r.chars().allMatch(Character::isDigit)) {
            int i = Integer.parseInt(r);
            if (i < inv.devices().size()) {
                return inv.devices().get(i);
            }
            throw new IllegalArgumentException("no OpenCL device " + i + " (there are " + inv.devices().size() + ")");
        }
        return inv.devices().stream().filter(d -> d.matches(r)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no OpenCL device whose name contains '" + r + "'"));
    }
}
