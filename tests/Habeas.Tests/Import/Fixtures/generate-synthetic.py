#!/usr/bin/env python3
"""Writes synthetic-prisoners.csv: a SYNTHETIC list (no real person), generated from syllable tables with a fixed seed,
in an odd column layout of its own, to test the import with names in Khmer, Thai, Burmese, Chinese and Cyrillic script.
Run: python3 generate-synthetic.py > synthetic-prisoners.csv"""
import csv, random, sys

rng = random.Random(20261202)
KHMER = [("សុខ", "Sok"), ("ចាន់", "Chan"), ("ហេង", "Heng"), ("គឹម", "Kim"), ("ម៉ៅ", "Mao"), ("ស៊ុន", "Sun"), ("ពៅ", "Pov"), ("លី", "Ly")]
KHMER_GIVEN = [("ដារា", "Dara"), ("សុភា", "Sophea"), ("វណ្ណា", "Vanna"), ("រតនា", "Ratana"), ("បូរ៉ា", "Bora"), ("ចន្ថា", "Chantha"), ("សុផល", "Sophal"), ("នារី", "Neary")]
THAI_GIVEN = [("สมชาย", "Somchai"), ("วิชัย", "Wichai"), ("สุดา", "Suda"), ("อรุณ", "Arun"), ("ประยุทธ", "Prayut"), ("มาลี", "Malee")]
THAI_FAMILY = [("ศรีสุข", "Srisuk"), ("ทองดี", "Thongdee"), ("แก้วมณี", "Kaewmanee"), ("บุญมา", "Boonma"), ("สุขสวัสดิ์", "Suksawat")]
BURMESE = [("အောင်", "Aung"), ("ကျော်", "Kyaw"), ("မြင့်", "Myint"), ("သန်း", "Than"), ("ဝင်း", "Win"), ("ထွန်း", "Tun"), ("နိုင်", "Naing")]
CHINESE_FAMILY = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang")]
CHINESE_GIVEN = [("建国", "Jianguo"), ("晓明", "Xiaoming"), ("丽华", "Lihua"), ("志强", "Zhiqiang"), ("秀英", "Xiuying"), ("文博", "Wenbo")]
RU_GIVEN = [("Алексей", "Aleksei"), ("Ирина", "Irina"), ("Дмитрий", "Dmitrii"), ("Ольга", "Olga"), ("Сергей", "Sergei")]
RU_FAMILY = [("Смирнов", "Smirnov"), ("Кузнецова", "Kuznetsova"), ("Попов", "Popov"), ("Соколова", "Sokolova"), ("Лебедев", "Lebedev")]
PLACES = ["Prey Sar", "Correctional Centre 1", "Klong Prem", "Insein", "Butyrka", "Kandal provincial prison"]

def name():
    kind = rng.choice(["km", "km", "th", "my", "zh", "ru"])
    if kind == "km":
        f, g = rng.choice(KHMER), rng.choice(KHMER_GIVEN)
        g2 = rng.choice(KHMER_GIVEN)
        return f"{f[0]} {g[0]}{g2[0]}", f"{f[1]} {g[1]} {g2[1]}"
    if kind == "th":
        g, f = rng.choice(THAI_GIVEN), rng.choice(THAI_FAMILY)
        f2 = rng.choice(THAI_FAMILY)
        return f"{g[0]} {f[0]}{f2[0]}", f"{g[1]} {f[1]}{f2[1].lower()}"
    if kind == "my":
        parts = [rng.choice(BURMESE) for _ in range(rng.choice([2, 3, 3, 4]))]
        return "".join(p[0] for p in parts), " ".join(p[1] for p in parts)
    if kind == "zh":
        f, g = rng.choice(CHINESE_FAMILY), rng.choice(CHINESE_GIVEN)
        return f[0] + g[0], f"{f[1]} {g[1]}"
    g, f = rng.choice(RU_GIVEN), rng.choice(RU_FAMILY)
    return f"{g[0]} {f[0]}", f"{g[1]} {f[1]}"

w = csv.writer(sys.stdout, lineterminator="\r\n")
w.writerow(["Case Ref", "Name (own script)", "Name — Latin letters", "M/F", "Born", "Arrested (dd/mm/yyyy)", "Where arrested",
            "Sentenced", "Term", "Released", "Source", "Link", "Remarks"])
seen = set()
n = 0
while n < 420:
    own, latin = name()
    if own in seen:
        continue
    seen.add(own)
    n += 1
    year = rng.randint(2005, 2022)
    arrested = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}"
    sentenced = rng.random() < 0.7
    term = rng.choice(["2 years", "18 months", "5 years 6 months", "7", "10 years", "3 yrs"]) if sentenced else ""
    released = str(year + rng.randint(1, 3)) if sentenced and rng.random() < 0.3 else ""
    born = rng.choice([str(rng.randint(1950, 2000)), f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1950, 2000)}", ""])
    bulletin = rng.randint(1, 40)
    w.writerow([f"SYN-{n:04d}", own, latin, rng.choice(["M", "F", "m", "f", ""]), born, arrested, rng.choice(PLACES),
                str(year + 1) if sentenced else "", term, released,
                f"Synthetic bulletin {bulletin}", f"https://example.org/synthetic/bulletin-{bulletin}",
                rng.choice(["", "synthetic row", "note; with a semicolon", "quoted \"remark\""])])
