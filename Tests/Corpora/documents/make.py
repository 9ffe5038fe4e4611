#!/usr/bin/env python3
"""Writes the hand-made documents of Tests/Corpora/documents (standard library only).

    python3 make.py xxe OUT.docx        a DOCX whose text is an external entity naming /etc/passwd
    python3 make.py nested OUT.docx     a DOCX whose body nests 10,000 w:r elements
    python3 make.py runs OUT.docx       tabs, breaks, a deleted run, a field code, an empty paragraph, a table
    python3 make.py bomb OUT.docx [MiB] a DOCX whose word/document.xml inflates to MiB (1024) of zeros
    python3 make.py liar OUT.docx [MiB] well-formed XML of MiB (1024) of empty paragraphs, its declared sizes
                                        rewritten to 4 KiB
    python3 make.py pages OUT.pdf       a one-page PDF whose page tree claims 1,000,000,000 pages
    python3 make.py many OUT.pdf [N]    a PDF of N (100,000) real pages sharing one content stream
    python3 make.py deep OUT.pdf [N]    a one-page PDF whose page dictionary nests N (1,000,000) arrays

Every file is the same bytes on every run (fixed zip times, no random data)."""
import struct
import sys
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" '
                 'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>')
WHEN = (2024, 1, 1, 0, 0, 0)


def docx(path, document, size_mib=None, filler=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS)):
            z.writestr(zipfile.ZipInfo(name, WHEN), text, compress_type=zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("word/document.xml", WHEN)
        info.compress_type = zipfile.ZIP_DEFLATED
        if size_mib is None:
            z.writestr(info, document)
        else:
            if filler is None:
                head, chunk, tail = b"", b"0" * (1 << 20), b""
            else:
                head, chunk, tail = filler
            with z.open(info, "w", force_zip64=size_mib >= 4096) as out:
                out.write(head)
                for _ in range(size_mib):
                    out.write(chunk)
                out.write(tail)


def body(inner):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W}"><w:body>{inner}</w:body></w:document>')


def liar(path, size_mib):
    """Empty paragraphs, with every declared uncompressed size of word/document.xml set to 4096."""
    head = body("").split("</w:body>")[0].encode()
    docx(path, None, size_mib, (head, b"<w:p/>" * ((1 << 20) // 6), b"</w:body></w:document>"))
    data = bytearray(open(path, "rb").read())
    name = b"word/document.xml"
    at = 0
    while True:
        at = data.find(name, at)
        if at < 0:
            break
        if data[at - 30:at - 26] == b"PK\x03\x04":
            struct.pack_into("<I", data, at - 30 + 22, 4096)
        elif data[at - 46:at - 42] == b"PK\x01\x02":
            struct.pack_into("<I", data, at - 46 + 24, 4096)
        at += len(name)
    open(path, "wb").write(bytes(data))


def pages(path):
    """One page under a page tree whose /Count claims a billion."""
    stream = b"BT /F1 12 Tf 72 720 Td (This page tree claims a billion pages.) Tj ET"
    write_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def write_pdf(path, objects):
    """`objects` numbered from 1, a cross-reference table, a trailer whose root is object 1."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    open(path, "wb").write(bytes(out))


def deep(path, depth):
    """One page whose dictionary holds `depth` nested arrays."""
    stream = b"BT /F1 12 Tf 72 720 Td (A page under deep nesting.) Tj ET"
    write_pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> /Deep "
        + b"[" * depth + b"]" * depth + b" >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def many(path, count):
    """`count` page objects in one flat page tree, each drawing the same one-line content stream."""
    stream = b"BT /F1 12 Tf 72 720 Td (One of many pages.) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (5 + i) for i in range(count)) + b"] /Count %d >>" % count,
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
    objects += [page] * count
    write_pdf(path, objects)


def main():
    kind, path = sys.argv[1], sys.argv[2]
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 1024
    if kind == "xxe":
        docx(path, '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
                   '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
                   f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Secrets: &xxe;</w:t></w:r></w:p>'
                   '<w:p><w:r><w:t>The file above must stay out of this text.</w:t></w:r></w:p></w:body></w:document>')
    elif kind == "runs":
        docx(path, body(
            '<w:p><w:r><w:t>One</w:t><w:tab/><w:t>two</w:t><w:br/><w:t xml:space="preserve">three </w:t></w:r>'
            '<w:del><w:r><w:delText>deleted</w:delText></w:r></w:del>'
            '<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>four</w:t></w:r></w:p>'
            '<w:p/><w:p><w:pPr/></w:p>'
            '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
            '<w:p><w:r><w:t>&lt;kept&gt; &amp; last</w:t></w:r></w:p>'))
    elif kind == "nested":
        depth = 10_000
        docx(path, body("<w:p>" + "<w:r>" * depth + "<w:t>deep</w:t>" + "</w:r>" * depth + "</w:p>"))
    elif kind == "bomb":
        docx(path, None, size)
    elif kind == "liar":
        liar(path, size)
    elif kind == "pages":
        pages(path)
    elif kind == "deep":
        deep(path, int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000)
    elif kind == "many":
        many(path, int(sys.argv[3]) if len(sys.argv) > 3 else 100_000)
    else:
        sys.exit(f"unknown kind {kind}")


if __name__ == "__main__":
    main()
