#!/usr/bin/env python3
"""text-relevance in other languages: Debian Reference (Debian 12's debian-reference-en, -fr, -de, -es
and -ja) cut into ~3 KB documents at paragraph ends; the topic is its network chapters (5: network
setup, 6: network applications), the rest is off-topic. Per language: a topic sentence in that
language alone; with 5 on-topic documents as examples; with 5 off-topic documents as
counter-examples as well. Prints ROC AUC, the kept share of on-topic and off-topic documents at the
default min_score, and the share of word pieces the English vocabulary cannot cut ([UNK]).

    Benchmarks/relevance_languages.py [TABLE] [WORK]

TABLE defaults to .build/models/text-relevance-minilm-l6-256.bin (.ci/install-deps); the guides are
read from /usr/share/debian-reference (.ci/install-deps installs them), else WORK (default
/tmp/assay-bench/relevance-languages) gets the packages (`apt-get download`, run `apt-get update`
once as root). The scoring is the stage's (Plugins/TextRelevance), re-done in numpy over the same
table with the distillation script's tokenizer (Benchmarks/relevance_table.py).
"""
import glob, os, random, re, subprocess, sys
from html.parser import HTMLParser
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from relevance_table import DEFAULT, Table, auc  # noqa: E402
TABLE = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
WORK = sys.argv[2] if len(sys.argv) > 2 else "/tmp/assay-bench/relevance-languages"
LANGS = ["en", "fr", "de", "es", "ja"]
ROOT = "/" if all(os.path.exists("/usr/share/debian-reference/ch01.%s.html" % l) for l in LANGS) else os.path.join(WORK, "x")
if ROOT != "/" and not glob.glob(os.path.join(WORK, "x", "usr/share/debian-reference/ch01.ja.html")):
    os.makedirs(WORK, exist_ok=True)
    subprocess.run(["apt-get", "download"] + ["debian-reference-" + l for l in LANGS], cwd=WORK, check=True, stdout=subprocess.DEVNULL)
    for deb in glob.glob(os.path.join(WORK, "*.deb")):
        subprocess.run(["dpkg-deb", "-x", deb, os.path.join(WORK, "x")], check=True)

table = Table(TABLE)
wp = table.tokenizer
emb = table.embed


class Text(HTMLParser):
    def __init__(self): super().__init__(); self.parts = []; self.skip = 0
    def handle_starttag(self, t, a):
        if t in ('script', 'style'): self.skip += 1
        if t in ('p', 'div', 'br', 'li', 'tr', 'h1', 'h2', 'h3', 'pre'): self.parts.append('\n\n')
    def handle_endtag(self, t):
        if t in ('script', 'style'): self.skip -= 1
    def handle_data(self, x):
        if not self.skip: self.parts.append(x)
TOPICS = {'en': "Network setup and network applications: interfaces, IP addresses, DNS, routing, web, mail and remote access servers",
 'fr': "Configuration du réseau et applications réseau : interfaces, adresses IP, DNS, routage, serveurs web, courrier et accès à distance",
 'de': "Netzwerkkonfiguration und Netzwerkanwendungen: Schnittstellen, IP-Adressen, DNS, Routing, Web-, Mail- und Fernzugriffsserver",
 'es': "Configuración de red y aplicaciones de red: interfaces, direcciones IP, DNS, enrutamiento, servidores web, de correo y de acceso remoto",
 'ja': "ネットワークの設定とネットワークアプリケーション：インターフェース、IPアドレス、DNS、ルーティング、ウェブ、メール、リモートアクセスサーバー"}
for lang, topic in TOPICS.items():
    docs = []
    for ch in range(1, 13):
        p = Text(); p.feed(open(os.path.join(ROOT, 'usr/share/debian-reference/ch%02d.%s.html' % (ch, lang)), encoding='utf-8').read())
        text = re.sub(r'\n\s*\n+', '\n\n', ''.join(p.parts))
        cur = ''
        for para in text.split('\n\n'):
            cur += para.strip() + '\n\n'
            if len(cur.encode()) >= 3000: docs.append((ch in (5, 6), cur)); cur = ''
    random.seed(1); random.shuffle(docs)
    pos = [t for l, t in docs if l]; neg = [t for l, t in docs if not l]
    ex, ctr = pos[:5], neg[:5]
    rest = [(l, t) for l, t in docs if t not in ex and t not in ctr]
    D = np.stack([emb(t) for _, t in rest]); lab = np.array([l for l, _ in rest])
    T = emb(topic); E = np.stack([emb(t) for t in ex]); C = np.stack([emb(t) for t in ctr])
    nz = lambda v: v / (np.linalg.norm(v) or 1)
    c = nz(T + E.sum(0)); oc = nz(C.sum(0))
    s1 = D @ T; s2 = D @ c; s3 = D @ c - D @ oc
    r1, r2, r3 = (1 + s1) / 2, (1 + s2) / 2, (1 + s3) / 2
    unk = np.mean([np.mean(np.array(wp.ids(t)) == wp.vocab['[UNK]']) for _, t in rest[:50]])
    print('%s docs %d (on-topic %d) | topic AUC %.3f kept %.2f/%.2f | +5 AUC %.3f kept %.2f/%.2f | +ctr AUC %.3f kept %.2f/%.2f | [UNK] share %.3f' % (
        lang, len(rest), lab.sum(), auc(s1[lab], s1[~lab]), (r1[lab] >= .45).mean(), (r1[~lab] >= .45).mean(),
        auc(s2[lab], s2[~lab]), (r2[lab] >= .47).mean(), (r2[~lab] >= .47).mean(), auc(s3[lab], s3[~lab]), (r3[lab] >= .49).mean(), (r3[~lab] >= .49).mean(), unk), flush=True)
