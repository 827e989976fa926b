package layers

import (
	"reflect"
	"testing"
)

func TestDivisors(t *testing.T) {
	for _, c := range []struct {
		n, limit int64
		want     []int64
	}{
		{12, 12, []int64{1, 2, 3, 4, 6, 12}},
		{12, 5, []int64{1, 2, 3, 4}},
		{36, 36, []int64{1, 2, 3, 4, 6, 9, 12, 18, 36}},
		{36, 10, []int64{1, 2, 3, 4, 6, 9}},
		{1, 1, []int64{1}},
		{0, 5, nil},
		{7, 0, nil},
		{1000000000000000000, 8, []int64{1, 2, 4, 5, 8}}, // a hostile count: answered at once
	} {
		if got := divisors(c.n, c.limit); !reflect.DeepEqual(got, c.want) {
			t.Errorf("divisors(%d, %d) = %v, want %v", c.n, c.limit, got, c.want)
		}
	}
}
