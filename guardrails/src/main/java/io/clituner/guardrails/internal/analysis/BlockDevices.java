package io.clituner.guardrails.internal.analysis;

import io.clituner.guardrails.internal.expand.Arg;
import java.util.List;
import java.util.Set;

/**
 * Device paths that name disks, partitions or raw memory on Linux, BSD and macOS (writing one destroys data), as
 * opposed to harmless ones (/dev/null, terminals, tapes, sockets). {@link Paths} answers for the rules.
 */
final class BlockDevices {
    private BlockDevices() {}

    private static final List<String> SAMPLE_DEVICES = List.of(
            "/dev/sda",
            "/dev/sda1",
            "/dev/sdb",
            "/dev/hda",
            "/dev/vda",
            "/dev/xvda",
            "/dev/nvme0n1",
            "/dev/nvme0n1p1",
            "/dev/mmcblk0",
            "/dev/md0",
            "/dev/dm-0",
            "/dev/mapper/root",
            "/dev/disk0",
            "/dev/rdisk0",
            "/dev/mem");

    private static final Set<String> SAFE_DEVICES = Set.of(
            "/dev/null",
            "/dev/zero",
            "/dev/random",
            "/dev/urandom",
            "/dev/full",
            "/dev/stdin",
            "/dev/stdout",
            "/dev/stderr",
            "/dev/tty",
            "/dev/console",
            "/dev/ptmx",
            "/dev/kmsg",
            "/dev/log",
            "/dev/fd",
            "/dev/shm",
            "/dev/mqueue",
            "/dev/net/tun",
            "/dev/dsp",
            "/dev/audio",
            "/dev/fuse",
            "/dev/kvm",
            "/dev/rtc",
            "/dev/watchdog0");

    /** Names that are block devices (or raw memory) on Linux, BSD and macOS. */
    private static final List<String> BLOCK_PREFIXES = List.of(
            "/dev/sd",
            "/dev/hd",
            "/dev/vd",
            "/dev/xvd",
            "/dev/nvme",
            "/dev/mmcblk",
            "/dev/md",
            "/dev/dm-",
            "/dev/mapper/",
            "/dev/disk",
            "/dev/rdisk",
            "/dev/loop",
            "/dev/nbd",
            "/dev/zram",
            "/dev/rbd",
            "/dev/bcache",
            "/dev/mem",
            "/dev/kmem",
            "/dev/port",
            "/dev/ram",
            "/dev/root",
            "/dev/ada",
            "/dev/da",
            "/dev/wd",
            "/dev/vg",
            "/dev/ubd",
            "/dev/emmc",
            "/dev/usb_drive",
            "/dev/dest_drive");

    private static final List<String> SAFE_DEVICE_PREFIXES = List.of(
            "/dev/fd0",
            "/dev/fd1",
            "/dev/rfd",
            "/dev/st0",
            "/dev/st1",
            "/dev/nst0",
            "/dev/rmt",
            "/dev/tape",
            "/dev/pty/",
            "/dev/cdrom",
            "/dev/dvd",
            "/dev/tty",
            "/dev/pts/",
            "/dev/fd/",
            "/dev/shm/",
            "/dev/tcp/",
            "/dev/udp/",
            "/dev/snd/",
            "/dev/input/",
            "/dev/video",
            "/dev/cu.",
            "/dev/usb/",
            "/dev/hidraw",
            "/dev/bus/",
            "/dev/mqueue/",
            "/dev/dri/",
            "/dev/nvidia",
            "/dev/serial/",
            "/dev/rfcomm",
            "/dev/lp",
            "/dev/ttyUSB",
            "/dev/ttyACM",
            "/dev/ttyS",
            "/dev/vcs",
            "/dev/cpu/",
            "/dev/ppp",
            "/dev/loop-control",
            "/dev/uinput",
            "/dev/null",
            "/dev/zero",
            "/dev/urandom",
            "/dev/random");

    /** A block device or raw memory, or a pattern that could name one; known harmless devices are not. */
    static boolean block(Arg a) {
        String t = Paths.normalize(a.text());
        if (!t.startsWith("/dev/")) {
            return false;
        }
        if (a.resolved()) {
            if (SAFE_DEVICES.contains(t)) {
                return false;
            }
            for (String p : SAFE_DEVICE_PREFIXES) {
                if (t.startsWith(p)) {
                    return false;
                }
            }
            return true;
        }
        if (a.hasUnknown() && !a.isGlob()) {
            return false;
        }
        return Paths.couldMatchAny(t, SAMPLE_DEVICES);
    }

    /** A block device by name (for redirections and copies, where odd /dev names are usually placeholders). */
    static boolean known(Arg a) {
        if (!block(a)) {
            return false;
        }
        String t = Paths.normalize(a.text());
        if (!a.resolved()) {
            return true;
        }
        for (String p : BLOCK_PREFIXES) {
            if (t.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** /dev/X where X is unknown: a device chosen at run time. */
    static boolean maybe(Arg a) {
        String t = a.text();
        return t.startsWith("/dev/") && a.hasUnknown();
    }
}
