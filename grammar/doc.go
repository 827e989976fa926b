// Package grammar reads pasted text into syntax trees: every Keras model.summary() table in it
// (Keras 0.x/1.x, Keras 2 and tf.keras ≤ 2.6, the wrapped tf.keras 2.7–2.15 layout, Keras 3 box
// tables, TensorFlow.js), the Keras code beside them, runs of get_weights() numbers and hand
// calculations. It knows text, not layers: no layer arithmetic lives here (that is package
// explain), and it does no I/O.
//
// The text is first made plain by package [github.com/kexplain/kexplain/normalize] (markup,
// quoting, prompts, HTML, lost line breaks), which keeps every position. Then every line is
// classified on its own (classify.go): a summary row is recognised alone, by its layer cell, shape
// and count. Tables are runs of rows with their rules, header, spacers and elision marks, and the
// totals after them wherever they are (find.go); the header, when there, helps read the columns
// but is not needed. Each table's structure is a participle grammar over its classified lines
// (structure.go), and the cells of each row are read by row.go and box.go (by column where the
// cells line up, by content where a retyped table scrambled them). Every node keeps the 1-based
// line (and column) of the input it came from; what cannot be read becomes an [Error] with a
// position, never a panic (a bug that panics is reported as an internal error with its place).
//
// Code is found by code.go in normalize's plain view (where `**kwargs` and `# comments` stay): the
// regions of code (console prompts, docstrings and their doctest examples, editor line numbers
// undone there), each sorted into its language, and one program per language made of all of them
// in order ([Snippet]), as a notebook runs its cells. Python is parsed by python.go (one logical
// line at a time, as the lexer ends it; lines of a shape already seen are read from that shape's
// tree, python_memo.go), R keras code by rcode.go (its own little grammar, converted into the same
// Python statements through a table of the layer_* functions) and TensorFlow.js layers code by
// jscode.go (made Python, then its tf.layers calls rewritten); PyTorch and other JavaScript are
// [Foreign].
package grammar
