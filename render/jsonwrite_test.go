package render

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kexplain/kexplain/explain"
	"github.com/kexplain/kexplain/grammar"
)

// encodingJSON is what encoding/json writes for the document, as JSON once wrote it.
func encodingJSON(t *testing.T, res *explain.Result) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(jsonDocument(res)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestJSONWriterMatchesEncodingJSON checks the hand-written encoder byte for byte against
// encoding/json on every corpus case and the test inputs here.
func TestJSONWriterMatchesEncodingJSON(t *testing.T) {
	files, _ := filepath.Glob("../corpus/*/*.txt")
	more, _ := filepath.Glob("testdata/*.txt")
	files = append(files, more...)
	if len(files) < 10 {
		t.Fatalf("only %d inputs", len(files))
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res := explain.Explain(grammar.Parse(string(src)))
		var got bytes.Buffer
		if err := JSON(&got, res); err != nil {
			t.Fatal(err)
		}
		want := encodingJSON(t, res)
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%s: the hand-written JSON differs from encoding/json's", f)
		}
		var compact, wantCompact bytes.Buffer
		if err := JSONCompact(&compact, res); err != nil {
			t.Fatal(err)
		}
		json.Compact(&wantCompact, want)
		if !bytes.Equal(compact.Bytes(), wantCompact.Bytes()) {
			t.Errorf("%s: JSONCompact differs from the compacted JSON", f)
		}
	}
}

// TestJSONStrings checks string escaping against encoding/json, byte for byte.
func TestJSONStrings(t *testing.T) {
	for _, s := range []string{"", "plain", `quote " and \ back`, "tab\tnew\nline\rcr", "\x00\x01\x1f\x7f", "<b>&amp;</b>",
		"\u2028\u2029", "bad \xff\xfe utf-8", "✓ × ⌊⌋ 名前 👩‍🔬", "\xed\xa0\x80", strings.Repeat("é", 3)} {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		w := &jsonWriter{}
		w.str(s)
		if got, want := string(w.b), strings.TrimSuffix(b.String(), "\n"); got != want {
			t.Errorf("str(%q) = %s, encoding/json writes %s", s, got, want)
		}
	}
}

func FuzzJSONString(f *testing.F) {
	f.Add("dense_1 (Dense)")
	f.Add("\u2028\xff\"\\\t")
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		w := &jsonWriter{}
		w.str(s)
		if got, want := string(w.b), strings.TrimSuffix(b.String(), "\n"); got != want {
			t.Errorf("str(%q) = %s, encoding/json writes %s", s, got, want)
		}
	})
}
