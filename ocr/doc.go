// Package ocr reads pictures of printed summaries (PNG and JPEG screenshots, made in a notebook,
// a terminal or a phone) into text that package grammar reads like a paste: the lines of the
// print with its columns where they were, and the stretches the recogniser was unsure of.
//
// It owns everything about a picture but the recognition itself:
//
//   - image.go: the kind of input by its magic bytes, and decoding within bounds;
//   - prepare.go, rules.go, zero.go: the picture made ready — grey, dark themes inverted, the
//     contrast stretched, scaled so that text is the size Tesseract reads best, binarised; the
//     table's rules ("____", "====", box lines) and the boxes a font draws for glyphs it lacks
//     removed and kept as geometry; dotted and slashed zeros made plain;
//   - tsv.go: Tesseract's TSV output read into words with boxes and confidences;
//   - grid.go, layout.go, assemble.go: the words put back on the print's character grid (a
//     monospace print has one cell width and one line pitch), with the rules and the box lines
//     of a Keras 3 table given back, so that the table reader sees aligned columns;
//   - digits.go: the count column and the totals read again with digits only;
//   - tfjsshapes.go: TensorFlow.js shape cells by the column they stand in (the header found
//     however its words were misread): their brackets, the pieces of one cell put together,
//     specks dropped, the batch's null however misread, a dimension read as a mark no digit is
//     confused with an unknown "?", a cell glued to the name before it parted;
//   - fix.go, glyphs.go: the reading of OCR text that the text itself corrects (letters for
//     digits in numbers, "(None", "null", class names matched to the known classes, automatic
//     layer names restored from their class, cells the recogniser ran together), and the
//     characters it confuses (1 l I, 0 O o) decided by templates of the picture's own glyphs;
//   - lookalike.go: a small "l" read as its capital in a name, put right by the class's automatic
//     name or by the page's other names;
//   - familystems.go: a family of numbered names read with two stems a letter apart, decided by
//     the picture's own glyph of that letter.
//
// The recognition is I/O, so the caller runs it: a [Recognizer] takes a [Request] (a PNG picture,
// a page segmentation mode and, for the count column, a character whitelist) and returns the TSV
// that Tesseract prints. Package ocr decides what to run it on and does no I/O itself, so that it
// builds for js/wasm too, where the browser page can answer the requests with tesseract.js.
//
// # The binding
//
// kexplain runs the tesseract command (internal/tesseract, through os/exec) rather than a cgo
// binding to libtesseract: the build stays pure Go and `go install`-able, cross-compiles, and
// a machine without Tesseract still builds and runs kexplain on text, and is told which Debian
// packages to install (tesseract-ocr tesseract-ocr-eng) when given a picture. A cgo binding
// would save starting the process and loading the model for each of the two recognitions per
// picture (a few hundred milliseconds); next to the recognition itself that is not worth
// a C toolchain for every user.
package ocr
