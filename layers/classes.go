package layers

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/kexplain/kexplain/grammar"
)

// ResolveClass names the class of a row: as printed when the print shows it whole; completed from
// the known classes when the print cut it; read from a TensorFlow.js automatic name
// ("max_pooling2d_MaxPooling2D1", "global_average_pooling2d_GlobalAve") when no class is shown.
// "" when it cannot be known.
func ResolveClass(r *grammar.Row) string {
	if !r.TypeCut && r.TypeText != "" {
		return r.TypeText
	}
	frag := strings.TrimSuffix(r.TypeText, "…")
	byName := classFromAutoName(r.Name)
	if frag == "" {
		if byName == "" && !r.NameCut {
			// no class shown at all: an automatic name says it ("batch_normalization_3")
			byName = ClassFromDefaultName(r.Name, "")
		}
		return byName
	}
	if byName != "" && strings.HasPrefix(byName, frag) {
		return byName
	}
	if c, ok := CompleteClass(frag); ok {
		return c
	}
	// a cut class that still fits the layer's default name: "max_pooling1d_1 (MaxPooling1"
	if c := ClassFromDefaultName(r.Name, frag); c != "" {
		return c
	}
	return ""
}

var (
	snakeRule1 = regexp.MustCompile(`(.)([A-Z][a-z0-9]+)`)
	snakeRule2 = regexp.MustCompile(`([a-z])([A-Z])`)
	snakeCache sync.Map
)

// SnakeCase is the snake_case of a class name as TensorFlow.js and Keras 2 make it:
// ConvLSTM2D → conv_lst_m2d, MaxPooling2D → max_pooling2d.
func SnakeCase(name string) string {
	if v, ok := snakeCache.Load(name); ok {
		return v.(string)
	}
	s := snakeRule1.ReplaceAllString(name, "${1}_${2}")
	s = strings.ToLower(snakeRule2.ReplaceAllString(s, "${1}_${2}"))
	if strings.HasPrefix(s, "_") {
		s = "private" + s
	}
	snakeCache.Store(name, s)
	return s
}

// snakeCaseTF is the tf.keras / Keras 3 snake_case: split only before an upper-case letter that a
// lower-case one follows (ConvLSTM2D → conv_lstm2d).
func snakeCaseTF(name string) string {
	var b strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) {
			next := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			prevLower := unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])
			if next || prevLower {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// autoNames maps the snake_case stem of every canonical class to the classes that have it
// (built once).
var autoNames = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	for _, c := range classes {
		if registry[c].Class == c {
			m[SnakeCase(c)] = append(m[SnakeCase(c)], c)
		}
	}
	return m
})

// classFromAutoName reads the class out of a TensorFlow.js automatic layer name:
// "<snake>_<Class><N>", perhaps cut by the print ("global_average_pooling2d_GlobalAve").
func classFromAutoName(name string) string {
	name = strings.TrimSuffix(name, "…")
	stems := autoNames()
	found := ""
	for i := 0; i < len(name); i++ {
		if name[i] != '_' {
			continue
		}
		rest := name[i+1:]
		for _, c := range stems[name[:i]] {
			ok := false
			switch {
			case strings.HasPrefix(rest, c):
				ok = rest == c || isDigits(rest[len(c):])
			case rest != "" && strings.HasPrefix(c, rest):
				ok = true // the print cut the class part
			}
			if ok {
				if found != "" && found != c {
					return ""
				}
				found = c
			}
		}
	}
	return found
}

// ClassFromDefaultName completes a cut class from the layer's default name: a row
// "max_pooling1d_1 (MaxPooling1" has the name of a MaxPooling1D.
func ClassFromDefaultName(name, frag string) string {
	stem := name
	if i := strings.LastIndexByte(stem, '_'); i > 0 && isDigits(stem[i+1:]) {
		stem = stem[:i]
	}
	found := ""
	for _, c := range defaultStems()[stem] {
		if !strings.HasPrefix(c, frag) {
			continue
		}
		if found != "" && found != c {
			return ""
		}
		found = c
	}
	return found
}

// defaultStems maps every default-name stem a class (or alias) has — Keras 2 and TensorFlow.js
// snake_case, tf.keras and Keras 3 snake_case, Keras 1 lower case — to the classes that have it,
// in the sorted order of Classes (built once).
var defaultStems = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	for _, c := range classes {
		seen := map[string]bool{}
		for _, st := range []string{SnakeCase(c), snakeCaseTF(c), strings.ToLower(c)} {
			if !seen[st] {
				seen[st] = true
				m[st] = append(m[st], c)
			}
		}
	}
	return m
})

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
