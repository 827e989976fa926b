// Package explain judges what a paste shows: it takes the syntax trees of package grammar and
// returns an explained result — for each row of a summary table the resolved layer class, the
// shapes feeding it, the weight arrays, the derivation of its count, a status (ok, mismatch,
// unknown) and findings with positions. It does no I/O and no formatting: package render shows
// the result.
//
// The layer knowledge it judges rows with is package layers. Model-level logic — the graph of a
// table, nested models, totals, the trainable split, get_weights() traces and hand calculations
// — lives in model.go, totals.go and trace.go. The models rebuilt from code come from package
// interp; explain turns them into code results (coderesult.go), pairs each table with the model
// that built it by the rows' classes and names (pairing.go, which also reads the code as the Keras
// the table's print shows) and holds them against each other (codecheck.go).
package explain
