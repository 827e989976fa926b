package grammar

import "strings"

// Blocks from indentation: the statements under a compound statement's header are those indented
// more deeply than it, up to the first line that is not; elif, else, except and finally attach to
// the statement before them at their own indentation. Inconsistent indentation is read leniently
// (a line indented under a plain statement stays in the block around it).

type blockFrame struct {
	indent int      // the header's indentation: deeper lines belong to the block
	list   *[]*Stmt // where they go
}

// nestBlocks turns the statements of a snippet, in order, into the nested tree.
func nestBlocks(flat []*Stmt) []*Stmt {
	var root []*Stmt
	stack := []blockFrame{{indent: -1, list: &root}}
	var decorators []*Expr
	for _, s := range flat {
		for len(stack) > 1 && stack[len(stack)-1].indent >= s.Indent {
			stack = stack[:len(stack)-1]
		}
		cur := stack[len(stack)-1].list
		h := s.header
		inline := strings.HasSuffix(h, ":")
		h = strings.TrimSuffix(h, ":")
		s.header = ""
		switch h {
		case "decorator":
			decorators = append(decorators, s.Value)
			continue
		case "elif", "else", "except", "finally":
			dest := attach(*cur, s, h)
			if dest == nil {
				*cur = append(*cur, &Stmt{Kind: StmtOther, Line: s.Line, Col: s.Col, Indent: s.Indent, Text: h + " ...:",
					Err: &Error{Line: s.Line, Col: s.Col, Msg: h + " without the statement it belongs to"}})
				continue
			}
			if inline {
				if h == "else" || h == "finally" {
					*dest = append(*dest, s.Body...)
					s.Body = nil
				}
				continue
			}
			stack = append(stack, blockFrame{indent: s.Indent, list: dest})
			continue
		}
		if s.Kind == StmtDef || s.Kind == StmtClass {
			if decorators != nil {
				s.more().decorators = decorators
			}
			decorators = nil
		}
		*cur = append(*cur, s)
		if h != "" && !inline {
			stack = append(stack, blockFrame{indent: s.Indent, list: &s.Body})
		}
	}
	return root
}

// attach joins a continuation header (elif, else, except, finally) to the statement it follows
// and returns where its block goes; nil when there is no such statement.
func attach(list []*Stmt, s *Stmt, h string) *[]*Stmt {
	if len(list) == 0 {
		return nil
	}
	t := list[len(list)-1]
	if t.Indent != s.Indent {
		return nil
	}
	// an if's elif chain: attach to its last elif
	for t.Kind == StmtIf && len(t.Else) == 1 && t.Else[0].Kind == StmtIf && t.Else[0].Name == "elif" {
		t = t.Else[0]
	}
	switch h {
	case "elif":
		if t.Kind != StmtIf || len(t.Else) > 0 {
			return nil
		}
		s.Name = "elif"
		t.Else = []*Stmt{s}
		return &s.Body
	case "else":
		switch t.Kind {
		case StmtIf, StmtFor, StmtWhile, StmtTry:
			if len(t.Else) > 0 {
				return nil
			}
			return &t.Else
		}
	case "except":
		if t.Kind == StmtTry {
			t.Handlers = append(t.Handlers, s)
			return &s.Body
		}
	case "finally":
		if t.Kind == StmtTry {
			return &t.Final
		}
	}
	return nil
}
