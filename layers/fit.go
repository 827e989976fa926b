package layers

import (
	"errors"
	"sort"
)

var errNoInput = errors.New("the input shape is not known")

func errMissing(arg string) error { return errors.New("missing argument " + arg) }

// Int reads an integer argument.
func (c Config) Int(key string) (int64, bool) {
	switch v := c[key].(type) {
	case int64:
		return v, true
	case int:
		return int64(v), true
	}
	return 0, false
}

// Bool reads a boolean argument, def when absent.
func (c Config) Bool(key string, def bool) bool {
	if v, ok := c[key].(bool); ok {
		return v
	}
	return def
}

// chooseFit judges a printed count against the valid configurations, first preferred: the one
// equal to the print is OK; none equal is a Mismatch listing them as the nearest counts. With no
// printed count the first fit is the expectation.
func chooseFit(o *Obs, fits ...Fit) Verdict {
	if len(fits) == 0 {
		return Verdict{Status: Unknown}
	}
	if o.Params == nil {
		f := fits[0]
		return Verdict{Status: OK, Fit: &f}
	}
	for i := range fits {
		if fits[i].Params == *o.Params {
			f := fits[i]
			return Verdict{Status: OK, Fit: &f}
		}
	}
	near := append([]Fit{}, fits...)
	p := *o.Params
	sort.SliceStable(near, func(i, j int) bool { return abs(near[i].Params-p) < abs(near[j].Params-p) })
	f := near[0]
	return Verdict{Status: Mismatch, Fit: &f, Nearest: near,
		Message: "no " + o.Class + " configuration on this input has " + Num(p) + " weights"}
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
