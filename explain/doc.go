// Package explain knows Keras, not text: it takes the syntax trees of package grammar and returns
// an explained model — for each row the resolved layer class, the shapes feeding it, the weight
// arrays, the derivation of its count as structured terms, a status (ok, mismatch, unknown) and
// findings with positions. It does no I/O and no formatting: package render shows the result.
//
// The layer knowledge is one [Spec] per class, grouped by family in layers_*.go: each entry
// judges a printed row from its shapes and count (Explain) and builds output shapes and weights
// from a configuration (Build). Model-level logic — the graph of a table, nested models, totals,
// the trainable split, get_weights() traces and hand calculations — lives in model.go,
// totals.go and trace.go.
package explain
