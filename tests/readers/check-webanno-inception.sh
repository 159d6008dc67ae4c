#!/bin/sh
# check-webanno-inception.sh: read Attest's WebAnno TSV with INCEpTION's own code
#
# Copyright 2026 The Attest developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-webanno-inception.sh INCEPTION_CHECKOUT EXPORT_FOLDER SIDECAR_FOLDER
#
# INCEPTION_CHECKOUT is a clone of https://github.com/inception-project/inception
# (a work tree or a bare repository). Nothing of it is copied here: the
# script extracts the TSV 3 package of inception-io-webanno-tsv
# (Tsv3XDeserializer, Tsv3XSerializer and their model) into a temporary
# folder and compiles it against Debian 12's Apache UIMA 2.10, which
# INCEpTION (UIMA 3) is not built for: two UIMA 3 calls are patched there
# (AnnotationFS.setBegin/setEnd, JCas.select), and the four uimaFIT helpers
# it calls are stood in for by small classes written below. The DKPro Core
# types it refers to are generated with UIMA's JCasGen from a type system
# written below, with Attest's layers.
#
# For every X.tsv under EXPORT_FOLDER it then
#  1. reads X.tsv with INCEpTION's Tsv3XDeserializer (what WebannoTsv3XReader
#     runs) and compares the CAS it built -- the text, the spans of
#     webanno.custom.Attest at their UTF-16 offsets, the AttestRelation
#     relations -- with SIDECAR_FOLDER/X.txt.attest.json;
#  2. writes that CAS back with INCEpTION's Tsv3XSerializer (what
#     WebannoTsv3XWriter runs: an export from INCEpTION) into a temporary
#     folder, and checks that file with check-webanno.py --sidecars.
# With KEEP=DIR in the environment the rewritten files are left in DIR.
#
# Step 2 finds two limits of INCEpTION's writer, not of the files read:
# it copies a token's text raw, so a token of spaces holding a line break
# or a tab (Attest makes one where a span ends on a carriage return)
# breaks the line it writes; and for an empty text it writes no #Text=
# line, which its own reader then refuses. Step 1 reads such files right.
#
# Needs: a JDK (openjdk-17-jdk-headless), libuima-core-java,
# libuima-tools-java, libcommons-lang3-java, libcommons-text-java,
# libslf4j-java, python3. Exit status 0 when INCEpTION read and wrote
# everything as the sidecars say, 1 otherwise, 2 for a usage error.

set -eu

if [ $# -ne 3 ]; then
  echo "usage: $0 INCEPTION_CHECKOUT EXPORT_FOLDER SIDECAR_FOLDER" >&2
  exit 2
fi
INCEPTION=$1
EXPORT=$(cd "$2" && pwd)
SIDECARS=$(cd "$3" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/attest-inception-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

J=/usr/share/java
CP=$J/uimaj-core.jar:$J/commons-lang3.jar:$J/commons-text.jar:$J/slf4j-api.jar
for jar in uimaj-core uimaj-tools commons-lang3 commons-text slf4j-api slf4j-nop; do
  if [ ! -f "$J/$jar.jar" ]; then
    echo "check-webanno-inception: $J/$jar.jar is missing (apt-get install libuima-core-java libuima-tools-java libcommons-lang3-java libcommons-text-java libslf4j-java)" >&2
    exit 1
  fi
done

PKG=inception/inception-io-webanno-tsv/src/main/java/de/tudarmstadt/ukp/clarin/webanno/tsv/internal/tsv3x
mkdir -p "$WORK/src"
if [ -d "$INCEPTION/$PKG" ]; then
  (cd "$INCEPTION" && tar -cf - "$PKG") | tar -xf - -C "$WORK/src"
else
  git --git-dir="$INCEPTION" archive HEAD "$PKG" | tar -xf - -C "$WORK/src"
fi
SRC="$WORK/src/$PKG"

# The two UIMA 3 calls, in the temporary copy only.
python3 - "$SRC" <<'EOF'
import sys
src = sys.argv[1]
p = src + "/Tsv3XDeserializer.java"
s = open(p).read()
old = """                aAnnotation.setBegin(targetAnnotation.getBegin());
                aAnnotation.setEnd(targetAnnotation.getEnd());"""
new = """                aAnnotation.getCAS().removeFsFromIndexes(aAnnotation);
                setFeature(aAnnotation, CAS.FEATURE_BASE_NAME_BEGIN, targetAnnotation.getBegin());
                setFeature(aAnnotation, CAS.FEATURE_BASE_NAME_END, targetAnnotation.getEnd());
                aAnnotation.getCAS().addFsToIndexes(aAnnotation);"""
assert old in s, "Tsv3XDeserializer changed; update the patch"
open(p, "w").write(s.replace(old, new))
p = src + "/Tsv3XCasDocumentBuilder.java"
s = open(p).read()
old = "for (FeatureStructure chainHead : aJCas.select(headType)) {"
new = ("for (FeatureStructure chainHead : (Iterable<FeatureStructure>) () -> "
       "aJCas.getCas().getIndexRepository().getAllIndexedFS(headType)) {")
assert old in s, "Tsv3XCasDocumentBuilder changed; update the patch"
open(p, "w").write(s.replace(old, new))
EOF

# Type systems: DKPro Core's types the reader names, and Attest's layers
# with the features the files' headers ask for, as a project set up for
# them has.
python3 - "$WORK" "$EXPORT" <<'EOF'
import os
import sys
work, export = sys.argv[1], sys.argv[2]
features = []
for folder, _, files in os.walk(export):
    for name in files:
        if name.endswith(".tsv"):
            for line in open(os.path.join(folder, name), encoding="utf-8"):
                if line.startswith("#T_SP=webanno.custom.Attest|"):
                    for f in line.rstrip("\n").split("|")[1:]:
                        if f not in features:
                            features.append(f)
if not features:
    features = ["label", "kind", "note", "entity", "entityName", "entityKind", "wikidata", "aliases"]
S = "uima.cas.String"
A = "uima.tcas.Annotation"
D = "de.tudarmstadt.ukp.dkpro.core.api."
dkpro = [
    (D + "segmentation.type.Sentence", A, [("id", S)]),
    (D + "segmentation.type.Lemma", A, [("value", S)]),
    (D + "segmentation.type.Stem", A, [("value", S)]),
    (D + "lexmorph.type.pos.POS", A, [("PosValue", S), ("coarseValue", S)]),
    (D + "lexmorph.type.morph.MorphologicalFeatures", A, [("value", S)]),
    (D + "segmentation.type.Token", A, [("lemma", D + "segmentation.type.Lemma"),
                                       ("stem", D + "segmentation.type.Stem"),
                                       ("pos", D + "lexmorph.type.pos.POS"),
                                       ("morph", D + "lexmorph.type.morph.MorphologicalFeatures")]),
    (D + "syntax.type.dependency.Dependency", A, [("Governor", D + "segmentation.type.Token"),
                                                  ("Dependent", D + "segmentation.type.Token"),
                                                  ("DependencyType", S)]),
]
attest = [
    ("webanno.custom.Attest", A, [(n, S) for n in features]),
    ("webanno.custom.AttestRelation", A, [("Governor", "webanno.custom.Attest"),
                                          ("Dependent", "webanno.custom.Attest"),
                                          ("relation", S)]),
]
others = [
    (D + "ner.type.NamedEntity", A, [("value", S), ("identifier", S)]),
    ("webanno.custom.Relation", A, [("Governor", D + "ner.type.NamedEntity"),
                                    ("Dependent", D + "ner.type.NamedEntity"), ("label", S)]),
    (D + "coref.type.CoreferenceLink", A, [("next", D + "coref.type.CoreferenceLink"),
                                           ("referenceType", S), ("referenceRelation", S)]),
    (D + "coref.type.CoreferenceChain", "uima.cas.AnnotationBase",
     [("first", D + "coref.type.CoreferenceLink")]),
]

def system(types):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<typeSystemDescription xmlns="http://uima.apache.org/resourceSpecifier"><types>']
    for name, parent, features in types:
        fs = "".join("<featureDescription><name>%s</name><rangeTypeName>%s</rangeTypeName>"
                     "</featureDescription>" % f for f in features)
        out.append("<typeDescription><name>%s</name><supertypeName>%s</supertypeName>"
                   "<features>%s</features></typeDescription>" % (name, parent, fs))
    out.append("</types></typeSystemDescription>")
    return "\n".join(out) + "\n"

open(work + "/dkpro.xml", "w").write(system(dkpro))
open(work + "/read.xml", "w").write(system(dkpro + attest + others))
# The writer exports every layer of the type system: only Attest's here,
# and a Token without the features it would otherwise point at.
plain = [(n, p, [] if n.endswith("Token") else f) for n, p, f in dkpro
         if n.endswith(("Sentence", "Token"))]
open(work + "/write.xml", "w").write(system(plain + attest))
EOF

mkdir -p "$WORK/shim/org/apache/uima/fit/util" "$WORK/harness" "$WORK/gen" "$WORK/classes"
cat > "$WORK/shim/org/apache/uima/fit/util/FSUtil.java" <<'EOF'
// A stand-in for the few uimaFIT FSUtil calls the TSV code makes, on UIMA 2.
package org.apache.uima.fit.util;

import java.util.Collection;
import org.apache.uima.cas.ArrayFS;
import org.apache.uima.cas.CAS;
import org.apache.uima.cas.Feature;
import org.apache.uima.cas.FeatureStructure;

public final class FSUtil
{
    private FSUtil() {}

    private static Feature feature(FeatureStructure fs, String name)
    {
        Feature f = fs.getType().getFeatureByBaseName(name);
        if (f == null) {
            throw new IllegalArgumentException("no feature " + name + " on " + fs.getType());
        }
        return f;
    }

    public static <T> T getFeature(FeatureStructure fs, String name, Class<T> cls)
    {
        return getFeature(fs, feature(fs, name), cls);
    }

    @SuppressWarnings("unchecked")
    public static <T> T getFeature(FeatureStructure fs, Feature f, Class<T> cls)
    {
        String range = f.getRange().getName();
        Object value;
        if (f.getRange().isPrimitive()) {
            switch (range) {
            case CAS.TYPE_NAME_STRING: value = fs.getStringValue(f); break;
            case CAS.TYPE_NAME_INTEGER: value = fs.getIntValue(f); break;
            case CAS.TYPE_NAME_BOOLEAN: value = fs.getBooleanValue(f); break;
            case CAS.TYPE_NAME_FLOAT: value = fs.getFloatValue(f); break;
            case CAS.TYPE_NAME_DOUBLE: value = fs.getDoubleValue(f); break;
            case CAS.TYPE_NAME_LONG: value = fs.getLongValue(f); break;
            case CAS.TYPE_NAME_SHORT: value = fs.getShortValue(f); break;
            case CAS.TYPE_NAME_BYTE: value = fs.getByteValue(f); break;
            default: value = fs.getFeatureValueAsString(f);
            }
            return (T) value;
        }
        FeatureStructure target = fs.getFeatureValue(f);
        if (cls.isArray()) {
            if (target == null) {
                return null;
            }
            ArrayFS array = (ArrayFS) target;
            FeatureStructure[] out = new FeatureStructure[array.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = array.get(i);
            }
            return (T) out;
        }
        return (T) target;
    }

    public static void setFeature(FeatureStructure fs, String name, Object value)
    {
        Feature f = feature(fs, name);
        if (value == null) {
            fs.setFeatureValue(f, null);
        }
        else if (value instanceof Integer) {
            fs.setIntValue(f, (Integer) value);
        }
        else if (value instanceof String) {
            fs.setStringValue(f, (String) value);
        }
        else if (value instanceof FeatureStructure) {
            fs.setFeatureValue(f, (FeatureStructure) value);
        }
        else if (value instanceof Collection) {
            Collection<?> items = (Collection<?>) value;
            ArrayFS array = fs.getCAS().createArrayFS(items.size());
            int i = 0;
            for (Object item : items) {
                array.set(i++, (FeatureStructure) item);
            }
            fs.setFeatureValue(f, array);
        }
        else {
            throw new IllegalArgumentException("cannot set " + value.getClass());
        }
    }
}
EOF
cat > "$WORK/shim/org/apache/uima/fit/util/CasUtil.java" <<'EOF'
// A stand-in for uimaFIT's CasUtil.select(), on UIMA 2.
package org.apache.uima.fit.util;

import java.util.ArrayList;
import java.util.List;
import org.apache.uima.cas.CAS;
import org.apache.uima.cas.FSIterator;
import org.apache.uima.cas.Type;
import org.apache.uima.cas.text.AnnotationFS;

public final class CasUtil
{
    private CasUtil() {}

    public static List<AnnotationFS> select(CAS cas, Type type)
    {
        List<AnnotationFS> out = new ArrayList<>();
        FSIterator<AnnotationFS> it = cas.getAnnotationIndex(type).iterator();
        while (it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }
}
EOF
cat > "$WORK/shim/org/apache/uima/fit/util/JCasUtil.java" <<'EOF'
// A stand-in for uimaFIT's JCasUtil.select() and selectCovered(), on UIMA 2.
package org.apache.uima.fit.util;

import java.util.ArrayList;
import java.util.List;
import org.apache.uima.cas.Type;
import org.apache.uima.cas.text.AnnotationFS;
import org.apache.uima.jcas.JCas;

public final class JCasUtil
{
    private JCasUtil() {}

    @SuppressWarnings("unchecked")
    public static <T> List<T> select(JCas jcas, Class<T> cls)
    {
        Type type = jcas.getTypeSystem().getType(cls.getName());
        List<T> out = new ArrayList<>();
        for (AnnotationFS fs : CasUtil.select(jcas.getCas(), type)) {
            out.add((T) fs);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public static <T> List<T> selectCovered(Class<T> cls, AnnotationFS cover)
    {
        Type type = cover.getCAS().getTypeSystem().getType(cls.getName());
        List<T> out = new ArrayList<>();
        for (AnnotationFS fs : CasUtil.select(cover.getCAS(), type)) {
            if (fs.getBegin() >= cover.getBegin() && fs.getEnd() <= cover.getEnd()) {
                out.add((T) fs);
            }
        }
        return out;
    }
}
EOF
cat > "$WORK/harness/AttestTsvHarness.java" <<'EOF'
// Runs INCEpTION's own TSV 3 reader (and writer) on a file, for Attest's tests.
//   read TYPES.xml FILE.tsv         prints what the reader built, as JSON
//   rewrite TYPES.xml IN.tsv OUT.tsv  reads IN and writes it back with INCEpTION's writer
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

import org.apache.uima.UIMAFramework;
import org.apache.uima.cas.*;
import org.apache.uima.cas.text.AnnotationFS;
import org.apache.uima.fit.util.CasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.resource.metadata.TypeSystemDescription;
import org.apache.uima.util.CasCreationUtils;
import org.apache.uima.util.XMLInputSource;

import de.tudarmstadt.ukp.clarin.webanno.tsv.internal.tsv3x.*;
import de.tudarmstadt.ukp.clarin.webanno.tsv.internal.tsv3x.model.*;

public class AttestTsvHarness
{
    static String json(String s)
    {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            }
            else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            }
            else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static JCas newJCas(String types) throws Exception
    {
        TypeSystemDescription tsd = UIMAFramework.getXMLParser()
                .parseTypeSystemDescription(new XMLInputSource(new File(types)));
        return CasCreationUtils.createCas(tsd, null, null).getJCas();
    }

    static JCas read(String types, String path) throws Exception
    {
        JCas jcas = newJCas(types);
        try (LineNumberReader in = new LineNumberReader(new InputStreamReader(
                new FileInputStream(path), StandardCharsets.UTF_8))) {
            new Tsv3XDeserializer().read(in, jcas);
        }
        return jcas;
    }

    static void dump(JCas jcas, PrintStream out)
    {
        CAS cas = jcas.getCas();
        TypeSystem ts = cas.getTypeSystem();
        List<AnnotationFS> annos = new ArrayList<>();
        Map<FeatureStructure, Integer> index = new HashMap<>();
        Iterator<Type> types = ts.getTypeIterator();
        List<Type> wanted = new ArrayList<>();
        while (types.hasNext()) {
            Type t = types.next();
            if (t.getName().startsWith("webanno.custom.")
                    || t.getName().equals("de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity")) {
                wanted.add(t);
            }
        }
        wanted.sort(Comparator.comparing(Type::getName));
        for (Type t : wanted) {
            for (AnnotationFS fs : CasUtil.select(cas, t)) {
                if (fs.getType() == t) {
                    index.put(fs, annos.size());
                    annos.add(fs);
                }
            }
        }

        out.print("{\"text\": " + json(jcas.getDocumentText()));
        for (String kind : new String[] { "Sentence", "Token" }) {
            Type t = ts.getType("de.tudarmstadt.ukp.dkpro.core.api.segmentation.type." + kind);
            out.print(", \"" + kind.toLowerCase() + "s\": [");
            String sep = "";
            for (AnnotationFS fs : CasUtil.select(cas, t)) {
                out.print(sep + "[" + fs.getBegin() + ", " + fs.getEnd() + "]");
                sep = ", ";
            }
            out.print("]");
        }
        out.print(", \"annotations\": [");
        for (int i = 0; i < annos.size(); i++) {
            AnnotationFS fs = annos.get(i);
            out.print((i > 0 ? ",\n  " : "\n  ") + "{\"type\": " + json(fs.getType().getName())
                    + ", \"begin\": " + fs.getBegin() + ", \"end\": " + fs.getEnd()
                    + ", \"features\": {");
            String sep = "";
            for (Feature f : fs.getType().getFeatures()) {
                String name = f.getShortName();
                if (name.equals("begin") || name.equals("end") || name.equals("sofa")) {
                    continue;
                }
                if (f.getRange().isPrimitive()) {
                    out.print(sep + json(name) + ": " + json(fs.getFeatureValueAsString(f)));
                }
                else {
                    FeatureStructure target = fs.getFeatureValue(f);
                    Integer ref = target != null ? index.get(target) : null;
                    out.print(sep + json(name) + ": " + (ref != null ? ref.toString() : "null"));
                }
                sep = ", ";
            }
            out.print("}}");
        }
        out.println("\n]}");
    }

    public static void main(String[] args) throws Exception
    {
        if (args.length == 3 && args[0].equals("read")) {
            dump(read(args[1], args[2]), new PrintStream(System.out, true, "UTF-8"));
        }
        else if (args.length == 4 && args[0].equals("rewrite")) {
            JCas jcas = read(args[1], args[2]);
            TsvSchema schema = Tsv3XCasSchemaAnalyzer.analyze(jcas.getTypeSystem());
            TsvDocument doc = Tsv3XCasDocumentBuilder.of(schema, jcas);
            try (PrintWriter out = new PrintWriter(new OutputStreamWriter(
                    new FileOutputStream(args[3]), StandardCharsets.UTF_8))) {
                new Tsv3XSerializer().write(out, doc);
            }
        }
        else {
            System.err.println("usage: read TYPES FILE | rewrite TYPES IN OUT");
            System.exit(2);
        }
    }
}
EOF

java -cp "$J/uimaj-core.jar:$J/uimaj-tools.jar" org.apache.uima.tools.jcasgen.Jg \
  -jcasgeninput "$WORK/dkpro.xml" -jcasgenoutput "$WORK/gen" > "$WORK/jcasgen.log" 2>&1
# shellcheck disable=SC2046
javac -nowarn -encoding UTF-8 -d "$WORK/classes" -cp "$CP" \
  $(find "$WORK/gen" "$WORK/shim" "$WORK/src" "$WORK/harness" -name '*.java') 2> "$WORK/javac.log" || {
  cat "$WORK/javac.log" >&2
  exit 1
}

RUN="$CP:$J/slf4j-nop.jar:$WORK/classes"
REWRITTEN=${KEEP:-$WORK/rewritten}
status=0
n=0
cd "$EXPORT"
# Names may hold spaces ("batch 3/story.tsv"): one per line, read back.
find . -name '*.tsv' | sort > "$WORK/list"
while IFS= read -r tsv; do
  rel=${tsv#./}
  stem=${rel%.tsv}
  n=$((n + 1))
  mkdir -p "$REWRITTEN/$(dirname "$rel")"
  if ! java -ea -cp "$RUN" AttestTsvHarness read "$WORK/read.xml" "$rel" > "$WORK/dump.json" 2> "$WORK/java.log"; then
    echo "$rel: INCEpTION's reader failed:" >&2
    cat "$WORK/java.log" >&2
    status=1
    continue
  fi
  if ! python3 "$HERE/check-webanno.py" --inception "$WORK/dump.json" \
         --sidecar "$SIDECARS/$stem.txt.attest.json"; then
    echo "$rel: INCEpTION read something else than the sidecar holds" >&2
    status=1
  fi
  if ! java -ea -cp "$RUN" AttestTsvHarness rewrite "$WORK/write.xml" "$rel" "$REWRITTEN/$rel" 2> "$WORK/java.log"; then
    echo "$rel: INCEpTION's writer failed:" >&2
    cat "$WORK/java.log" >&2
    status=1
  fi
done < "$WORK/list"
echo "check-webanno-inception: INCEpTION's reader read $n files"

if ! python3 "$HERE/check-webanno.py" --sidecars "$SIDECARS" "$REWRITTEN"; then
  echo "check-webanno-inception: what INCEpTION's writer wrote back does not hold" >&2
  status=1
fi
exit $status
