package explain

import (
	"strings"

	"github.com/kexplain/kexplain/grammar"
	"github.com/kexplain/kexplain/layers"
)

// Second readings of a row that no configuration of its printed class explains, where the paste
// shows that its cells were typed by hand rather than printed by Keras:
//
//   - the class cell disagrees with the layer's default name ("dropout (Conv2D)" with 0 params,
//     "bidirectional_1 (LSTM)"): a retyped table may hold a slip of the class cell, so the class the
//     name is the default name of is tried;
//   - a retyped table of a functional model (an InputLayer row) without its Connected to column:
//     its rows need not form a chain, so the outputs of the rows above are tried as the input.
//
// A second reading that fits makes the row ok with a note saying so; one that does not leaves
// the mismatch as it was. A count that was changed by hand fits neither reading.

// rejudge tries the second readings of row i, a mismatch. It reports whether one fits.
func rejudge(s *Summary, i int, rr *RowResult) bool {
	if rr.Status != layers.Mismatch {
		return false
	}
	if c := classOfName(rr.Row.Name); c != "" && c != rr.Class && layers.Lookup(c) != nil {
		printed := rr.Class
		if tryReading(s, i, rr, func(x *RowResult) { x.Class = c }) {
			s.Flags = append(s.Flags, Flag{Kind: KindRow, Severity: Note, Line: rr.Row.Line, Layer: rr.Row.Name,
				Message: "the class cell says " + printed + ", but " + rr.Row.Name + " is the default name of a " + c +
					", and as a " + c + " the count fits: the class cell was probably mistyped"})
			return true
		}
	}
	if retypedGraph(s) {
		for j := i - 1; j >= 0; j-- {
			src := s.Rows[j]
			out := dimsOf(src.Row.Output)
			if out == nil || src.Row.Depth != rr.Row.Depth {
				continue
			}
			if tryReading(s, i, rr, func(x *RowResult) { x.InputDims, x.Inputs = []layers.Dims{out}, []string{src.Row.Name} }) {
				rr.Ambiguous = "the table shows no connections: read as fed by " + src.Row.Name
				s.Flags = append(s.Flags, Flag{Kind: KindRow, Severity: Note, Line: rr.Row.Line, Layer: rr.Row.Name,
					Message: "the row above does not feed " + rr.Row.Name + " (its count does not fit that input); " +
						"this retyped table shows no connections, and read as fed by " + src.Row.Name + " the count fits"})
				return true
			}
		}
		if s.Table.NoHeader && tryReading(s, i, rr, func(x *RowResult) { x.InputDims, x.Inputs = nil, nil }) {
			rr.Ambiguous = "the table shows no connections and is cut at the top: read as fed by a row left out"
			s.Flags = append(s.Flags, Flag{Kind: KindRow, Severity: Note, Line: rr.Row.Line, Layer: rr.Row.Name,
				Message: "no row shown feeds " + rr.Row.Name + " (its count fits none of their outputs); this retyped table shows no connections " +
					"and is cut at the top, so it is read as fed by a row left out of the paste"})
			return true
		}
	}
	return false
}

// tryReading judges row i again after change; it keeps the new reading when it is ok, else puts
// the row and the table's flags back as they were.
func tryReading(s *Summary, i int, rr *RowResult, change func(*RowResult)) bool {
	saved := *rr
	nflags := len(s.Flags)
	fresh := RowResult{Row: rr.Row, Class: rr.Class, Status: layers.Unknown, InputDims: rr.InputDims, Inputs: rr.Inputs}
	change(&fresh)
	*rr = fresh
	judgeRow(s, i, rr)
	if rr.Status == layers.OK {
		s.Flags = s.Flags[:nflags]
		return true
	}
	*rr = saved
	s.Flags = s.Flags[:nflags]
	return false
}

// classOfName gives the class whose default name a layer carries ("dropout_3" → Dropout,
// "Bidirectional_1" → Bidirectional), "" when the name is no default name.
func classOfName(name string) string {
	return layers.ClassFromDefaultName(strings.ToLower(name), "")
}

// retypedGraph reports a retyped table of a functional model (it has an InputLayer row) without a
// Connected to column: Keras prints such a table with its connections unless the graph is a
// chain, so the column was left out by hand and the row order need not be the chain. A table
// without an InputLayer row reads as a Sequential, whose rows do form the chain: no second
// reading there (it would explain away counts changed by hand), unless the table is cut at the
// top, where the InputLayer row may be among the rows left out.
func retypedGraph(s *Summary) bool {
	if !s.Table.Retyped || s.Table.Has(grammar.ColConnected) {
		return false
	}
	if s.Table.NoHeader {
		return true // cut at the top: whether an InputLayer row stood above is not known
	}
	for _, rr := range s.Rows {
		if rr.Class == "InputLayer" {
			return true
		}
	}
	return false
}
