package grammar

import (
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/normalize"
)

// A panic while the code is parsed on its own goroutine is raised again in Parse's, with the
// stack where it happened, so that the front ends still report an internal error instead of the
// process dying from a goroutine's panic.
func TestParseAsideRaisesPanicAgain(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one core: the code is parsed in line")
	}
	asideCallerHelps = false // the goroutine takes every part
	defer func() { asideCallerHelps = true }()
	broken := &foundCode{order: []string{"python"}, parts: map[string][]*partCode{"python": {nil}}}
	parsed := broken.parseAside()
	defer func() {
		r := recover()
		p, ok := r.(*asidePanic)
		if !ok {
			t.Fatalf("recovered %T %v, want *asidePanic", r, r)
		}
		if msg := p.Error(); !strings.Contains(msg, "grammar.parsePart") {
			t.Errorf("the message does not say where the panic happened:\n%s", msg)
		}
	}()
	parsed()
	t.Fatal("no panic")
}

// A paste with several pieces of code, which the goroutine and the caller share, gives the same
// snippets as parsing them in line, in the same order.
func TestParseAsideSharedSameResult(t *testing.T) {
	src := "Here is my model:\n\nimport keras\nmodel = keras.Sequential()\nmodel.add(keras.layers.Dense(4, input_shape=(3,)))\n\n" +
		"and then I train it with\n\nfor epoch in range(3):\n    model.fit(x, y)\n\nlater the head:\n\n" +
		"model.add(keras.layers.Dense(2, activation='softmax'))\nmodel.summary()\n\nwhat is wrong?\n"
	fc := codeParts(linesOf(normalize.Normalize(src).Plain))
	if n := len(fc.parts["python"]); n < 2 {
		t.Fatalf("%d Python parts, want several", n)
	}
	want, _, _ := fc.parse()
	for range 20 {
		got, _, _ := fc.parseAside()()
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("shared:\n%#v\nin line:\n%#v", got, want)
		}
	}
}

// Parse finds the same code whether or not it is parsed beside the tables.
func TestParseAsideSameResult(t *testing.T) {
	src := "x = 1\nmodel = Sequential()\nmodel.add(Dense(4, input_shape=(3,)))\nmodel.summary()\n"
	fc := codeParts(linesOf(normalize.Normalize(src).Plain))
	want, _, _ := fc.parse()
	got, _, _ := fc.parseAside()()
	if len(want) != 1 || len(got) != 1 || len(got[0].Program.Stmts) != len(want[0].Program.Stmts) || len(got[0].Program.Stmts) != 4 {
		t.Fatalf("aside: %d snippets, in line: %d; want one of 4 statements each", len(got), len(want))
	}
}
