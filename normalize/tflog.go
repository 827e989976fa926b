package normalize

import (
	"strconv"
	"strings"
)

// TensorFlow's native (C++) log lines: "2024-01-01 12:00:00.000000: W
// tensorflow/core/…/gpu_device.cc:1960] message". TensorFlow writes them to stderr while Python
// prints the summary to stdout, and a notebook or a terminal that shows both interleaves them
// line by line, even between the two lines of a wrapped row. The summary itself never goes
// through this logger, so such a line is no part of any table: it leaves the table view (the
// code view keeps it).

// nativeLogReach bounds how far into a line the source location's "] " is looked for.
const nativeLogReach = 240

// isNativeLog reports a TensorFlow native log line, its timestamp maybe already taken off as a
// log prefix: an optional "YYYY-MM-DD hh:mm:ss.ffffff: ", then a level letter (I, W, E, F), a
// space, and a source location "path/file.ext:line]".
func isNativeLog(s string) bool {
	s = strings.TrimLeft(s, " ")
	if len(s) >= 19 && isDigits(s[0:4]) && s[4] == '-' && isClock(s[11:]) {
		i := 19
		for i < len(s) && (s[i] == '.' || s[i] >= '0' && s[i] <= '9') {
			i++
		}
		if !strings.HasPrefix(s[i:], ": ") {
			return false
		}
		s = s[i+2:]
	}
	if len(s) < 3 || strings.IndexByte("IWEF", s[0]) < 0 || s[1] != ' ' {
		return false
	}
	loc := s[2:]
	end := strings.IndexByte(loc[:min(len(loc), nativeLogReach)], ']')
	if end <= 0 || strings.IndexByte(loc[:end], ' ') >= 0 {
		return false // the location is one word: "tensorflow/core/…/file.cc:123"
	}
	colon := strings.LastIndexByte(loc[:end], ':')
	if colon <= 0 || !isDigits(loc[colon+1:end]) {
		return false
	}
	file := loc[:colon]
	dot := strings.LastIndexByte(file, '.')
	return dot > 0 && dot < len(file)-1 && isWordByte(file[dot+1])
}

// isProgressLine reports a progress bar drawn by another part of the program while the summary
// printed (a download's or a dataset's tqdm bar, a Keras progress bar): "100%|█████| 10/10
// [00:01<00:00, 9.52it/s]", " 32/32 [======>.......] - ETA: 2s". No line of a table holds one.
func isProgressLine(s string) bool {
	if len(s) > nativeLogReach*4 {
		return false
	}
	// tqdm: a percentage (after the bar's description), the bar between pipes, then "n/m ["
	if p := strings.Index(s, "%|"); p > 0 && s[p-1] >= '0' && s[p-1] <= '9' {
		rest := s[p+2:]
		q := strings.IndexByte(rest, '|')
		if q < 0 {
			return false
		}
		// "45/100 [", "11.5M/11.5M [": the done and total counts, with tqdm's units
		after := strings.TrimLeft(rest[q+1:], " ")
		sp := strings.Index(after, " [")
		slash := strings.IndexByte(after, '/')
		return slash > 0 && sp > slash+1 && sp <= 24 && strings.Trim(after[:sp], "0123456789./kMGTPBbit") == ""
	}
	// Keras: "n/m [" then a bar of "=", ">" and "." closed by "]"
	t := strings.TrimLeft(s, " ")
	n, m, ok := fraction(t)
	if !ok || n > m {
		return false
	}
	i := strings.Index(t, " [")
	if i < 0 {
		return false
	}
	bar := t[i+2:]
	j := strings.IndexByte(bar, ']')
	return j >= 3 && strings.Trim(bar[:j], "=>.") == ""
}

// fraction reads "n/m" at the start of s, followed by a space.
func fraction(s string) (n, m int, ok bool) {
	slash := strings.IndexByte(s, '/')
	sp := strings.IndexByte(s, ' ')
	if slash <= 0 || sp <= slash+1 || sp > 24 || !isDigits(s[:slash]) || !isDigits(s[slash+1:sp]) {
		return 0, 0, false
	}
	n, _ = strconv.Atoi(s[:slash])
	m, _ = strconv.Atoi(s[slash+1 : sp])
	return n, m, true
}
