"""Reading a DTB from the host scripts with the fdtget tool (dtc's package): properties,
cell counts and reg tuples. Shared by dtb-place.py and compare-layout.py."""
import subprocess


def fdtget(dtb, *args):
    """fdtget's output for these arguments, or None if the node or property is absent."""
    r = subprocess.run(["fdtget", dtb] + list(args), capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else None


def cells(dtb, node, prop, default):
    """A cell-count property such as #address-cells, or @default when absent."""
    v = fdtget(dtb, "-tx", node, prop)
    return int(v.split()[0], 16) if v else default


def reg_tuples(dtb, node, ac, sc):
    """(base, size) for each whole tuple of @node's reg with @ac/@sc cells; size-0 skipped."""
    reg = fdtget(dtb, "-tx", node, "reg")
    if not reg or ac < 1 or sc < 1:
        return []
    words = [int(w, 16) for w in reg.split()]
    step, out = ac + sc, []
    for i in range(0, len(words) - step + 1, step):
        base = size = 0
        for w in words[i:i + ac]:
            base = (base << 32) | w
        for w in words[i + ac:i + step]:
            size = (size << 32) | w
        if size:
            out.append((base, size))
    return out


def available(dtb, node):
    """True unless the node's status says otherwise (Linux's of_device_is_available)."""
    return fdtget(dtb, "-ts", node, "status") in (None, "okay", "ok")
