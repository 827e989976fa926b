package interp

import (
	"maps"

	"github.com/kexplain/kexplain/grammar"
)

// A paste often shows the function that builds the model and leaves out the line that calls it
// (def build_model(): ... model.summary(); return model). When the code makes no model at all,
// the first top-level function that makes one is called as the paste's model: with its
// defaults, the arguments without one not known, and a note that says so.

// callUncalled calls the first top-level function of stmts that makes a model, when the code
// made none. A function is tried quietly first, and everything the try made is undone, so that
// a function that makes no model leaves no trace (no notes, no names counted).
func (in *interpreter) callUncalled(stmts []*grammar.Stmt) {
	for _, s := range stmts {
		if in.stopped || s.Kind != grammar.StmtDef {
			continue
		}
		f, ok := in.globals.vars[s.Name].(*funcVal)
		if !ok || f.line != s.Line {
			continue
		}
		call := func() {
			e := &grammar.Expr{Kind: grammar.ExprName, Name: s.Name, Line: s.Line, Col: s.Col}
			bad := unknownVal{c: &cause{line: s.Line, col: s.Col, what: s.Name + "()",
				why: "not called in the paste: the arguments without a default are not known"}}
			in.callFunc(f, nil, &args{e: e, bad: bad})
		}
		counters, models, snapshots, made := maps.Clone(in.counters), len(in.models), len(in.snapshots), in.layers
		in.quiet++
		call()
		in.quiet--
		makes := len(in.models) > models
		in.counters, in.models, in.snapshots, in.layers, in.summed, in.summedAt = counters, in.models[:models], in.snapshots[:snapshots], made, nil, nil
		if !makes {
			continue
		}
		in.note(s.Line, s.Col, s.Name+"() is not called in the paste: kexplain calls it with its defaults, to rebuild the model it makes")
		call()
		return
	}
}
