package layers

import (
	"strconv"
	"sync"
)

// Judging is pure: a row's verdict follows from what the row shows — its class as printed, the
// era, its input and output shapes, its count, whether it is frozen or unbuilt, whether it reads
// the model's raw input — and never from its name, but for a nested model's row, whose name may
// be a keras.applications base. A table repeats itself (the blocks of a ResNet, the layers of a
// transformer), so each distinct row is read once and the repeats take the same verdict. The
// memo is bounded: when it is full it starts again.

const memoMax = 1 << 12

var memo = struct {
	sync.Mutex
	m map[string]Verdict
}{m: map[string]Verdict{}}

// memoKey is what a verdict depends on, as one string.
func memoKey(s *Spec, o *Obs) string {
	b := make([]byte, 0, 96)
	b = append(b, s.Class...)
	b = append(b, 0)
	b = append(b, o.Class...)
	b = append(b, 0)
	if s.Family == "model" {
		b = append(b, o.Name...)
	}
	b = append(b, 0)
	b = append(b, o.Format...)
	b = append(b, 0)
	flags := byte(0)
	if o.Unbuilt {
		flags |= 1
	}
	if o.Frozen {
		flags |= 2
	}
	if o.RawInput {
		flags |= 4
	}
	if o.Params != nil {
		flags |= 8
		b = strconv.AppendInt(b, *o.Params, 36)
	}
	b = append(b, flags)
	dims := func(tag byte, d Dims) {
		b = append(b, tag)
		if d == nil {
			b = append(b, '~')
			return
		}
		for _, x := range d {
			b = strconv.AppendInt(b, x, 36)
			b = append(b, ',')
		}
	}
	for _, d := range o.In {
		dims('i', d)
	}
	dims('o', o.Out)
	for _, d := range o.Outs {
		dims('s', d)
	}
	for _, c := range o.InChoices {
		b = append(b, 'c')
		for _, d := range c {
			dims('i', d)
		}
	}
	return string(b)
}

// memoJudge is Judge through the memo. The verdict it returns is the caller's own: its Fit and
// Nearest are copies (the weight arrays and derivations inside them are shared, and never
// changed by anyone).
func memoJudge(s *Spec, o *Obs) Verdict {
	k := memoKey(s, o)
	memo.Lock()
	v, ok := memo.m[k]
	memo.Unlock()
	if !ok {
		v = judgeRead(s, o)
		memo.Lock()
		if len(memo.m) >= memoMax {
			memo.m = map[string]Verdict{}
		}
		memo.m[k] = v
		memo.Unlock()
	}
	return v.copy()
}

func (v Verdict) copy() Verdict {
	if v.Fit != nil {
		f := *v.Fit
		v.Fit = &f
	}
	if v.Nearest != nil {
		v.Nearest = append([]Fit(nil), v.Nearest...)
	}
	return v
}
