# Draws the toolbar icons (a blue shield with a white check mark) as PNGs, with no dependencies.
# Run: python3 extension/tools/icons.py
import pathlib, struct, zlib

def png(size):
    s = size
    px = []
    def inside_shield(x, y):
        # shield: flat top, straight sides to 55% height, then a curve to a point at the bottom
        u, v = x / s, y / s
        if v < 0.08 or v > 0.95 or u < 0.12 or u > 0.88:
            return False
        if v <= 0.55:
            return True
        t = (v - 0.55) / 0.40          # 0..1 down the lower part
        half = 0.38 * (1 - t * t)      # narrows to the tip
        return abs(u - 0.5) <= half
    def on_check(x, y):
        u, v = x / s, y / s
        w = 0.075
        # two strokes: (0.30,0.48)->(0.45,0.63) and (0.45,0.63)->(0.71,0.33)
        def seg(ax, ay, bx, by):
            dx, dy = bx - ax, by - ay
            t = max(0, min(1, ((u - ax) * dx + (v - ay) * dy) / (dx * dx + dy * dy)))
            cx, cy = ax + t * dx, ay + t * dy
            return (u - cx) ** 2 + (v - cy) ** 2 <= w * w
        return seg(0.30, 0.48, 0.45, 0.63) or seg(0.45, 0.63, 0.71, 0.33)
    rows = []
    for y in range(s):
        row = bytearray([0])
        for x in range(s):
            # 4x supersampling for smooth edges
            cov_shield = cov_check = 0
            for sy in range(4):
                for sx in range(4):
                    fx, fy = x + (sx + .5) / 4, y + (sy + .5) / 4
                    if inside_shield(fx, fy):
                        cov_shield += 1
                        if on_check(fx, fy):
                            cov_check += 1
            a = cov_shield * 255 // 16
            c = cov_check / max(cov_shield, 1)
            r = int(11 + (255 - 11) * c); g = int(87 + (255 - 87) * c); b = int(208 + (255 - 208) * c)
            row += bytes([r, g, b, a])
        rows.append(bytes(row))
    raw = b"".join(rows)
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", s, s, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))

out = pathlib.Path(__file__).resolve().parent.parent / "icons"
out.mkdir(exist_ok=True)
for n in (16, 32, 48, 128):
    (out / f"icon-{n}.png").write_bytes(png(n))
