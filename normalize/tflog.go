package normalize

import "strings"

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
