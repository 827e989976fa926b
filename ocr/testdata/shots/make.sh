#!/usr/bin/env bash
# Makes the pictures of ocr/testdata/shots from kexplain's own corpus cases with the shot tool
# (../shared/tools/shot: needs python3-pil and the fonts fonts-dejavu-core fonts-liberation2
# fonts-noto-mono fonts-urw-base35), then records what Tesseract answers for each (NAME.text.tsv,
# NAME.counts.tsv), which the tests replay without Tesseract. Run from the repository's root:
#   ocr/testdata/shots/make.sh && go test ./ocr -run TestGolden -update
set -euo pipefail
shot=../shared/tools/shot
dir=ocr/testdata/shots
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# table NAME SOURCE: the summary of a corpus case, without the prose around it
table() {
	awk '/^(Model:|____________________|┏)/ && !on {on=1} on && end && /^ *$/ {exit} on {print} /Non-trainable params/ {end=1}' "corpus/$2.txt" > "$tmp/$1.txt"
}

table keras1-seed-liberation keras1/seed-model
"$shot" --font "Liberation Mono" --size 15 --theme light "$tmp/keras1-seed-liberation.txt" "$dir/keras1-seed-liberation.png"
table keras3-functional-liberation-dark keras3/functional
"$shot" --font "Liberation Mono" --size 14 --theme dark --jpeg 85 "$tmp/keras3-functional-liberation-dark.txt" "$dir/keras3-functional-liberation-dark.jpg"
table keras3-nested-nimbus keras3/nested-unbuilt
"$shot" --font "Nimbus Mono PS" --size 14 --theme notebook "$tmp/keras3-nested-nimbus.txt" "$dir/keras3-nested-nimbus.png"
table tfjs-seed-noto-terminal tfjs/seed
"$shot" --font "Noto Sans Mono" --size 13 --theme terminal --scale 1.25 --jpeg 85 "$tmp/tfjs-seed-noto-terminal.txt" "$dir/tfjs-seed-noto-terminal.jpg"
table keras2-seed-dejavu-small keras2/seed-keras231
"$shot" --font "DejaVu Sans Mono" --size 12 --theme light --scale 0.8 --jpeg 70 "$tmp/keras2-seed-dejavu-small.txt" "$dir/keras2-seed-dejavu-small.jpg"
table keras27-tf215-dejavu keras27/seed-tf215
"$shot" --font "DejaVu Sans Mono" --size 16 --theme notebook "$tmp/keras27-tf215-dejavu.txt" "$dir/keras27-tf215-dejavu.png"
# the count the seed thread's answer gave for dense_1, in a picture read with confidence: an alarm
table keras1-wrong-count-dejavu keras1/seed-model
sed -i 's/163968 /172160 /' "$tmp/keras1-wrong-count-dejavu.txt"
"$shot" --font "DejaVu Sans Mono" --size 15 --theme light "$tmp/keras1-wrong-count-dejavu.txt" "$dir/keras1-wrong-count-dejavu.png"
# fonts without the heavy box-drawing characters draw boxes: small ones that the recogniser reads
# as "ssss" or "h-l-h" (a small size zoomed), and boxes whose corners the zoom rounded
table keras3-tofu-small-liberation-dark keras3/seed-76
"$shot" --font "Liberation Mono" --size 11 --theme dark --scale 1.3 "$tmp/keras3-tofu-small-liberation-dark.txt" "$dir/keras3-tofu-small-liberation-dark.png"
table keras3-tofu-zoomed-liberation keras3/functional
"$shot" --font "Liberation Mono" --size 12 --theme dark --scale 2.0 "$tmp/keras3-tofu-zoomed-liberation.txt" "$dir/keras3-tofu-zoomed-liberation.png"
# tables of our own (ocr/testdata/shots/tables): Nimbus Mono PS draws "fl" and "fi" as one glyph one
# cell wide, so that the rest of such a row stands a cell to the left ("final_flatten1",
# "random_flip", "flatten_Flatten1"); a nested layer's "└" alone in its cell, its name wrapped
# under it; user names with numbers ("stem1_bn1", "up_sampling2_d1")
own() {
	cp "ocr/testdata/shots/tables/$1.txt" "$tmp/$1.txt"
}
own keras3-ligature-names-nimbus
"$shot" --font "Nimbus Mono PS" --size 16 --theme light "$tmp/keras3-ligature-names-nimbus.txt" "$dir/keras3-ligature-names-nimbus.png"
own keras3-nested-wrapped-mark
"$shot" --font "Nimbus Mono PS" --size 14 --theme dark --jpeg 85 "$tmp/keras3-nested-wrapped-mark.txt" "$dir/keras3-nested-wrapped-mark.jpg"
own tfjs-ligature-flatten-nimbus
"$shot" --font "Nimbus Mono PS" --size 15 --theme notebook "$tmp/tfjs-ligature-flatten-nimbus.txt" "$dir/tfjs-ligature-flatten-nimbus.png"
# names that end in "t" beside names with numbers ("dense_out", "fc_last", "elu1"): the glyph
# templates that read a "1" misread as "t" leave a "t" that is one
own keras3-names-ending-t
"$shot" --font "DejaVu Sans Mono" --size 13 --scale 0.8 --jpeg 70 --theme dark "$tmp/keras3-names-ending-t.txt" "$dir/keras3-names-ending-t.jpg"
# user names that start with an "l" ("ln1", "l2_head") beside one that starts with a "1"
# ("1x1_conv"): a name's first character that the recogniser read as a digit is decided by the
# glyph templates too
own keras3-names-starting-l
"$shot" --font "Noto Sans Mono" --size 13 --scale 0.8 --jpeg 70 --theme notebook "$tmp/keras3-names-starting-l.txt" "$dir/keras3-names-starting-l.jpg"
# a Keras 3 box printed small, where the recogniser reads a class cell as the start of its class
# ("(LST)" beside "lstm"): the automatic name beside it names the class
own keras3-class-by-name-dejavu-small
"$shot" --font "DejaVu Sans Mono" --size 12 --theme terminal --scale 0.8 "$tmp/keras3-class-by-name-dejavu-small.txt" "$dir/keras3-class-by-name-dejavu-small.png"
# a TensorFlow.js table printed small: the capital S of a class part read small ("softmax_softmax1")
own tfjs-class-capital-small-noto
"$shot" --font "Noto Sans Mono" --size 12 --theme light "$tmp/tfjs-class-capital-small-noto.txt" "$dir/tfjs-class-capital-small-noto.png"
for f in "$tmp"/*.txt; do cp "$f" "$dir/$(basename "$f" .txt).source.txt"; done

# what Tesseract answers, for the replay
go run ./ocr/testdata/shots/record "$dir"
