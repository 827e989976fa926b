// Package grammar reads pasted text into syntax trees: every Keras model.summary() table in it
// (Keras 0.x/1.x, Keras 2 and tf.keras ≤ 2.6, the wrapped tf.keras 2.7–2.15 layout, Keras 3 box
// tables, TensorFlow.js), the Keras code beside them, runs of get_weights() numbers and hand
// calculations. It knows text, not layers: no layer arithmetic lives here (that is package
// explain), and it does no I/O.
//
// Tables are found line by line (quote markers, indentation, code fences, HTML and lost line
// breaks undone first), their structure is a participle grammar over classified lines
// (structure.go), and the cells of each row are read by row.go and box.go. Every node keeps the
// 1-based line (and column) of the input it came from; what cannot be read becomes an [Error]
// with a position, never a panic.
//
// Code is found by code.go: the regions of code (console prompts, docstrings, editor line numbers
// undone there and nowhere else), each sorted into its language, and one program per language
// made of all of them in order ([Snippet]), as a notebook runs its cells. Python is parsed by
// python.go, R keras code by rcode.go (its own little grammar, converted into the same Python
// statements through a table of the layer_* functions) and TensorFlow.js layers code by jscode.go
// (made Python, then its tf.layers calls rewritten); PyTorch and other JavaScript are [Foreign].
package grammar
