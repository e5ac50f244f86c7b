package io.clituner.guardrails.internal.rules;

import io.clituner.guardrails.internal.analysis.Invocation;
import io.clituner.guardrails.internal.analysis.Paths;
import io.clituner.guardrails.internal.analysis.Redir;
import io.clituner.guardrails.internal.expand.Arg;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Writing to block devices by any means, formatting, wiping, partitioning and volume removal. */
final class DiskRules {
    private static final Pattern RELATIVE_SHRINK = Pattern.compile("-[Ll]-.*");
    private static final Pattern RELATIVE_SHRINK_LONG = Pattern.compile("--(size|extents)=-.*");

    private DiskRules() {}

    static @Nullable String deviceOperand(Invocation inv) {
        for (Arg a : inv.operands()) {
            if (Paths.blockDevice(a)) {
                return a.display();
            }
        }
        return null;
    }

    static @Nullable String deviceAnywhere(Invocation inv) {
        for (Arg a : inv.args()) {
            String t = a.text();
            int eq = t.indexOf('=');
            Arg v = eq > 0 && t.startsWith("--") ? a.withText(t.substring(eq + 1)) : a;
            if (Paths.blockDevice(v)) {
                return v.display();
            }
        }
        return null;
    }

    private static final Set<String> MKFS = Set.of(
            "mkfs",
            "mke2fs",
            "mkswap",
            "mkntfs",
            "mkdosfs",
            "mkexfatfs",
            "newfs",
            "mkfs.ext2",
            "mkfs.ext3",
            "mkfs.ext4",
            "mkfs.xfs",
            "mkfs.btrfs",
            "mkfs.vfat",
            "mkfs.fat",
            "mkfs.msdos",
            "mkfs.ntfs",
            "mkfs.exfat",
            "mkfs.f2fs",
            "mkfs.minix",
            "mkfs.bcachefs",
            "mkfs.cramfs",
            "mkfs.jfs",
            "mkfs.reiserfs",
            "mkfs.hfsplus",
            "mkfs.udf",
            "mkfs.nilfs2");

    private static final Set<String> PARTITIONERS = Set.of(
            "fdisk", "sfdisk", "sgdisk", "gdisk", "cfdisk", "parted", "cgdisk", "partx", "kpartx", "diskutil", "gpart");

    static List<Rule> rules() {
        return List.of(
                diskFirmwareWrite(),
                diskDdToDevice(),
                diskDdToUnknownDevice(),
                diskRedirectToDevice(),
                diskCopyToDevice(),
                diskFormat(),
                diskFormatUnknown(),
                diskFormatImage(),
                diskWipe(),
                diskPartition(),
                diskLvmRemove(),
                diskUnmountAll());
    }

    private static Rule diskFirmwareWrite() {
        return Rule.builder("disk.firmware-write")
                .says("flashrom writing or erasing the machine's own firmware (-p internal): can brick it")
                .on("flashrom")
                .when(inv -> {
                    Arg p = inv.optionValue('p', "--programmer");
                    boolean changes = inv.hasOption('w', "--write") || inv.hasOption('E', "--erase");
                    return changes && p != null && p.text().startsWith("internal") ? "flashrom -p internal" : null;
                })
                .examples("flashrom -w bad.rom -p internal", "flashrom -p internal -E")
                .counter("flashrom -p internal -r backup.rom", "flashrom -p ch341a_spi -w fw.rom")
                .build();
    }

    private static Rule diskDdToDevice() {
        return Rule.builder("disk.dd-to-device")
                .says("dd (or a dd-like copier) writing to a block device")
                .on("dd", "dcfldd", "dc3dd", "sg_dd")
                .when(inv -> {
                    for (Arg a : inv.args()) {
                        if (a.startsWith("of=")
                                && Paths.blockDevice(a.withText(a.text().substring(3)))) {
                            return a.display();
                        }
                    }
                    return null;
                })
                .examples(
                        "dd if=/dev/zero of=/dev/sda",
                        "sudo dd if=/dev/urandom of=/dev/nvme0n1 bs=1M",
                        "dd of=/dev/sdb < image.iso",
                        "d\\d if=/dev/zero of=/dev/sd$'\\x61'")
                .counter("dd if=/dev/zero of=./disk.img bs=1M count=10", "dd if=/dev/sda of=backup.img")
                .build();
    }

    private static Rule diskDdToUnknownDevice() {
        return Rule.builder("disk.dd-to-unknown-device")
                .strictOnly()
                .says("dd writing to a device chosen at run time")
                .on("dd")
                .when(inv -> inv.args().stream().anyMatch(a -> a.startsWith("of=/dev/") && a.hasUnknown())
                        ? "of=/dev/…"
                        : null)
                .examples("dd if=/dev/zero of=/dev/$DISK")
                .counter("dd if=x of=$OUT")
                .build();
    }

    private static Rule diskRedirectToDevice() {
        return Rule.builder("disk.redirect-to-device")
                .says("output redirected into a block device (or /dev/mem)")
                .onAny(Rule.Gate.redirect())
                .when(inv -> {
                    for (Redir r : inv.redirects()) {
                        if (r.writes() && Paths.knownBlockDevice(r.target())) {
                            return r.target().display();
                        }
                    }
                    return null;
                })
                .examples(
                        "cat /dev/zero > /dev/sda",
                        "echo x >/dev/sdb1",
                        "exec 3>/dev/sda",
                        "{ cat /dev/urandom; } > /dev/nvme0n1",
                        "yes &> /dev/vda")
                .counter("echo x > /dev/null", "cat file > ./out", "echo hi > /dev/tty")
                .build();
    }

    private static Rule diskCopyToDevice() {
        return Rule.builder("disk.copy-to-device")
                .says("tee, cp, cat or install writing a block device")
                .on("tee", "cp", "install", "rsync", "mv", "cat", "ln")
                .when(inv -> {
                    List<Arg> ops = inv.operands();
                    if (inv.name().equals("tee")) {
                        return ops.stream()
                                .filter(Paths::knownBlockDevice)
                                .findFirst()
                                .map(Arg::display)
                                .orElse(null);
                    }
                    if (inv.name().equals("cat")) {
                        return null;
                    }
                    return ops.size() >= 2 && Paths.knownBlockDevice(ops.get(ops.size() - 1))
                            ? ops.get(ops.size() - 1).display()
                            : null;
                })
                .examples("cat img | sudo tee /dev/sda", "cp disk.img /dev/sdb", "tee -a /dev/mmcblk0 < x")
                .counter("cp /dev/null ./empty", "tee log.txt")
                .build();
    }

    private static Rule diskFormat() {
        return Rule.builder("disk.format")
                .says("creating a filesystem or swap on a block device")
                .on(MKFS.toArray(String[]::new))
                .when(DiskRules::deviceOperand)
                .examples(
                        "mkfs.ext4 /dev/sda1",
                        "sudo mkfs -t xfs /dev/nvme0n1",
                        "mke2fs /dev/hda",
                        "mkswap /dev/sdb2",
                        "mkfs.vfat /dev/sd?")
                .counter("mkfs.ext4 ./image.img")
                .build();
    }

    private static Rule diskFormatUnknown() {
        return Rule.builder("disk.format-unknown")
                .strictOnly()
                .says("creating a filesystem on a target chosen at run time")
                .on(MKFS.toArray(String[]::new))
                .when(inv -> inv.operands().stream().anyMatch(Arg::hasUnknown) ? "target unknown" : null)
                .examples("mkfs.ext4 $DEV")
                .counter("mkfs.ext4 disk.img")
                .build();
    }

    private static Rule diskFormatImage() {
        return Rule.builder("disk.format-image")
                .review()
                .says("creating a filesystem in an image file")
                .on(MKFS.toArray(String[]::new))
                .when(inv -> inv.operands().isEmpty() ? null : "filesystem creation")
                .examples("mkfs.ext4 ./image.img")
                .counter("mkfs.ext4 --help")
                .build();
    }

    private static Rule diskWipe() {
        return Rule.builder("disk.wipe")
                .says(
                        "wiping signatures, blocks or whole devices (wipefs -a, shred, blkdiscard, badblocks -w, nvme format…)")
                .on(
                        "wipefs",
                        "shred",
                        "blkdiscard",
                        "nvme",
                        "hdparm",
                        "cryptsetup",
                        "mdadm",
                        "zpool",
                        "zfs",
                        "sg_format",
                        "dmsetup",
                        "wipe",
                        "sfill",
                        "sdmem",
                        "dmraid",
                        "btrfs",
                        "secure-delete",
                        "srm",
                        "truncate",
                        "fallocate")
                .when(DiskRules::wipes)
                .examples(
                        "sudo wipefs -a /dev/sdb",
                        "shred -n 5 /dev/sda",
                        "blkdiscard /dev/nvme0n1",
                        "nvme format /dev/nvme0",
                        "cryptsetup luksFormat /dev/sdb1",
                        "mdadm --zero-superblock /dev/sdb1",
                        "zfs destroy tank/data",
                        "zpool destroy tank",
                        "hdparm --security-erase NULL /dev/sda")
                .counter("wipefs /dev/sdb", "shred secret.txt", "badblocks -svw /dev/sdb", "zfs list")
                .build();
    }

    /** What wipes signatures, blocks or a whole device, per program; null when the command does not. */
    static @Nullable String wipes(Invocation inv) {
        String n = inv.name();
        String dev = deviceAnywhere(inv);
        return switch (n) {
            case "wipefs" ->
                dev != null
                                && (inv.hasOption('a', "--all") || inv.hasOption('o', "--offset"))
                                && !inv.hasOption('n', "--no-act")
                        ? dev
                        : null;
            case "shred", "blkdiscard", "sg_format", "wipe", "dmraid", "srm", "truncate", "fallocate" -> dev;
            case "nvme" ->
                inv.size() > 1
                                && Set.of("format", "sanitize", "delete-ns", "write-zeroes")
                                        .contains(inv.arg(1).text())
                        ? "nvme " + inv.arg(1).text()
                        : null;
            case "hdparm" -> hdparmErase(inv);
            case "cryptsetup" -> cryptsetupErase(inv);
            case "mdadm" ->
                inv.args().stream()
                                .anyMatch(a ->
                                        a.is("--zero-superblock") || a.is("--create") || a.is("-C") || a.is("--build"))
                        ? "mdadm"
                        : null;
            case "zpool" ->
                inv.size() > 1
                                && Set.of("destroy", "labelclear", "create")
                                        .contains(inv.arg(1).text())
                                && (inv.arg(1).is("destroy") || inv.arg(1).is("labelclear") || dev != null)
                        ? "zpool " + inv.arg(1).text()
                        : null;
            case "zfs" -> inv.size() > 1 && inv.arg(1).is("destroy") ? "zfs destroy" : null;
            case "dmsetup" ->
                inv.size() > 1
                                && Set.of("remove_all", "wipe_table", "remove")
                                        .contains(inv.arg(1).text())
                        ? "dmsetup " + inv.arg(1).text()
                        : null;
            case "btrfs" -> btrfsDeviceRemoval(inv, dev);
            default -> null;
        };
    }

    private static @Nullable String hdparmErase(Invocation inv) {
        return inv.args().stream()
                        .anyMatch(a -> a.startsWith("--security-erase")
                                || a.startsWith("--trim-sector")
                                || a.startsWith("--write-sector")
                                || a.startsWith("--make-bad-sector")
                                || a.is("--dco-restore")
                                || a.startsWith("--security-set-pass"))
                ? "hdparm erase"
                : null;
    }

    private static @Nullable String cryptsetupErase(Invocation inv) {
        return inv.args().stream()
                        .anyMatch(a -> a.is("luksFormat")
                                || a.is("erase")
                                || a.is("luksErase")
                                || a.is("reencrypt")
                                || a.is("luksKillSlot")
                                || a.is("luksRemoveKey"))
                ? "cryptsetup " + inv.arg(1).display()
                : null;
    }

    private static @Nullable String btrfsDeviceRemoval(Invocation inv, @Nullable String dev) {
        return inv.args().stream().anyMatch(a -> a.is("delete") || a.is("remove"))
                        && inv.args().stream().anyMatch(a -> a.is("device") || a.is("subvolume"))
                        && dev != null
                ? "btrfs device removal"
                : null;
    }

    private static Rule diskPartition() {
        return Rule.builder("disk.partition")
                .says("partitioning a device (fdisk, sfdisk, sgdisk, gdisk, cfdisk, parted) other than listing")
                .on(PARTITIONERS.toArray(String[]::new))
                .when(inv -> {
                    String n = inv.name();
                    if (partitionListing(inv)) {
                        return null;
                    }
                    if (n.equals("diskutil")) {
                        return "diskutil erase";
                    }
                    if (n.equals("parted")) {
                        boolean wipe = inv.hasArg("rm")
                                || (inv.hasArg("mklabel") && !inv.hasArg("mkpart"))
                                || inv.hasArg("mktable")
                                || inv.hasArg("resizepart");
                        return wipe ? deviceAnywhere(inv) : null;
                    }
                    if (n.equals("sgdisk")) {
                        boolean wipe = inv.hasOption('Z', "--zap-all")
                                || inv.hasOption('z', "--zap")
                                || inv.hasOption('o', "--clear")
                                || inv.hasOption('d', "--delete")
                                || inv.hasOption('n', "--new")
                                || inv.hasOption('N', "--largest-new")
                                || inv.hasOption('R', "--replicate")
                                || inv.hasOption('g', "--mbrtogpt");
                        return wipe ? deviceAnywhere(inv) : null;
                    }
                    return deviceAnywhere(inv);
                })
                .examples(
                        "sudo fdisk /dev/sdb",
                        "sgdisk --zap-all /dev/sda",
                        "parted /dev/sda mklabel gpt",
                        "sfdisk /dev/sdb < layout",
                        "cfdisk /dev/vda",
                        "sfdisk --delete /dev/sdb 1")
                .counter("fdisk -l", "sudo fdisk -l /dev/sda", "parted -l", "sgdisk -p /dev/sda", "sfdisk -d /dev/sda")
                .build();
    }

    private static Rule diskLvmRemove() {
        return Rule.builder("disk.lvm-remove")
                .says(
                        "removing or shrinking LVM volumes (lvremove, vgremove, pvremove, lvreduce without resizing the filesystem)")
                .on("lvremove", "vgremove", "pvremove", "lvreduce", "lvresize", "vgreduce", "lvm")
                .when(inv -> {
                    String n = inv.name();
                    if (inv.hasOption('\0', "--help") || inv.hasArg("-h") || inv.hasOption('\0', "--version")) {
                        return null;
                    }
                    if (n.equals("lvm")) {
                        return inv.size() > 1
                                        && Set.of("lvremove", "vgremove", "pvremove")
                                                .contains(inv.arg(1).text())
                                ? inv.arg(1).text()
                                : null;
                    }
                    if (n.equals("lvreduce") || n.equals("lvresize")) {
                        boolean shrink = n.equals("lvreduce")
                                || inv.args().stream()
                                        .anyMatch(a -> RELATIVE_SHRINK
                                                        .matcher(a.text())
                                                        .matches()
                                                || RELATIVE_SHRINK_LONG
                                                        .matcher(a.text())
                                                        .matches())
                                || shrinkArg(inv);
                        return shrink && !inv.hasOption('r', "--resizefs") ? n + " without --resizefs" : null;
                    }
                    if (n.equals("vgreduce")) {
                        return inv.hasOption('\0', "--removemissing") && inv.hasOption('f', "--force") ? n : null;
                    }
                    return n;
                })
                .examples("lvremove vg0/data", "sudo vgremove vg0", "pvremove /dev/sdb1", "lvreduce -L 10G vg/lv")
                .counter("lvreduce -r -L 10G vg/lv", "lvs", "lvremove --help")
                .build();
    }

    private static Rule diskUnmountAll() {
        return Rule.builder("disk.unmount-all")
                .says("unmounting every filesystem or disabling all swap")
                .on("umount", "swapoff")
                .when(inv -> inv.hasOption('a', "--all") ? inv.name() + " -a" : null)
                .examples("umount -a", "sudo swapoff --all")
                .counter("umount /mnt/usb", "swapoff /swapfile")
                .build();
    }

    /** A partitioning tool run in a mode that only lists, prints, dumps or verifies (or asks for help). */
    static boolean partitionListing(Invocation inv) {
        String n = inv.name();
        return inv.hasOption('l', "--list")
                || inv.hasOption(
                        '\0',
                        "--help",
                        "--version",
                        "--print",
                        "--dump",
                        "--verify",
                        "--show-size",
                        "--json",
                        "--info",
                        "--list-types")
                || (n.equals("sfdisk")
                        && (inv.hasOption('d')
                                || inv.hasOption('V')
                                || inv.hasOption('s')
                                || inv.hasOption('J')
                                || inv.hasOption('g')))
                || (n.equals("sgdisk")
                        && (inv.hasOption('p')
                                || inv.hasOption('i')
                                || inv.hasOption('v')
                                || inv.hasOption('b')
                                || inv.hasOption('L')))
                || (n.equals("parted")
                        && (inv.hasArg("print") || inv.hasArg("p"))
                        && !inv.hasArg("mklabel")
                        && !inv.hasArg("rm")
                        && !inv.hasArg("mkpart"))
                || (n.equals("diskutil")
                        && !(inv.hasArg("eraseDisk")
                                || inv.hasArg("eraseVolume")
                                || inv.hasArg("partitionDisk")
                                || inv.hasArg("zeroDisk")
                                || inv.hasArg("secureErase")));
    }

    private static boolean shrinkArg(Invocation inv) {
        for (int i = 1; i + 1 < inv.size(); i++) {
            if ((inv.arg(i).is("-L") || inv.arg(i).is("-l") || inv.arg(i).is("--size"))
                    && inv.arg(i + 1).startsWith("-")) {
                return true;
            }
        }
        return false;
    }
}
