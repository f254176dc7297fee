# The second part of reference/repr_cpython.txt: doubles as a run prints them (1e-9 to 2**53),
# where Numbers.repr works in 128-bit integers instead of BigDecimal, and numbers at its edges.
import random, struct
random.seed(2026)
def bits(x): return struct.unpack('<Q', struct.pack('<d', x))[0]
def frombits(b): return struct.unpack('<d', struct.pack('<Q', b))[0]
xs = []
for i in range(600): xs.append(random.random() * 10 ** random.uniform(-9, 15.95))  # any digits
for i in range(300): xs.append(float('%.*g' % (random.randint(1, 17), random.random() * 10 ** random.uniform(-9, 15))))
for i in range(200): xs.append(frombits(bits(random.random() * 10 ** random.uniform(-9, 15)) | 1))  # odd mantissas
for i in range(200):  # midway between two 15- or 16-digit numbers, and their neighbours
    d = random.randint(15, 16); e = random.randint(-9, 15)
    x = float('%de%d' % (random.randint(10 ** (d - 1), 10 ** d - 1) * 10 + 5, e - d))
    xs += [x, frombits(bits(x) - 1), frombits(bits(x) + 1)]
for i in range(100): xs.append(float(random.randint(1, 2 ** 53 - 1)))          # whole numbers
xs += [1e-9, frombits(bits(1e-9) - 1), 2.0 ** 53 - 1, 2.0 ** 53 + 2, 9007199254740991.0, 1e15, 1e16 - 2,
       0.1, 0.2, 0.3, 1 / 3, 2 / 3, 100.0, 91.0, 99.0, 0.010978370135492717, 0.8862514464368221]
xs += [random.random() * 10 ** random.uniform(17, 26) for i in range(100)]  # above the quick range
print('# doubles a run prints (1e-9 to 2^53) and around that range: reference/README.md says how they were made')
for x in xs:
    for v in (x, -x):
        print(v.hex(), repr(v))
