// Package tesseract runs the tesseract command for package ocr: it is the one place where
// kexplain starts another program. Package ocr decides what to recognise and reads the answers;
// this package only passes the picture on standard input and takes the TSV from standard output.
package tesseract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/kexplain/kexplain/ocr"
)

// Packages are the Debian packages that provide the command and its English model.
const Packages = "tesseract-ocr tesseract-ocr-eng"

// ErrMissing says that Tesseract (or its English model) is not installed.
var ErrMissing = errors.New("reading a picture needs Tesseract OCR, which is not installed here: " +
	"install the Debian packages " + Packages + " (apt-get install " + Packages + ")")

// Timeout bounds one run of the command.
const Timeout = 2 * time.Minute

// Command is the name of the program ("tesseract", or a path to it).
var Command = "tesseract"

// Available reports whether the command can be found, with ErrMissing when not.
func Available() error {
	if _, err := exec.LookPath(Command); err != nil {
		return ErrMissing
	}
	return nil
}

// Recognize runs one request: the picture on standard input, the TSV from standard output.
// Tesseract runs single-threaded (OMP_THREAD_LIMIT=1) unless the environment says otherwise:
// on small pictures its threads cost more than they give.
func Recognize(req ocr.Request) ([]byte, error) {
	if err := Available(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	args := []string{"stdin", "stdout", "--dpi", "300", "-l", "eng", "--psm", strconv.Itoa(req.PSM)}
	if req.Whitelist != "" {
		args = append(args, "-c", "tessedit_char_whitelist="+req.Whitelist)
	}
	args = append(args, "tsv")
	cmd := exec.CommandContext(ctx, Command, args...)
	cmd.Stdin = bytes.NewReader(req.PNG)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = os.Environ()
	if os.Getenv("OMP_THREAD_LIMIT") == "" {
		cmd.Env = append(cmd.Env, "OMP_THREAD_LIMIT=1")
	}
	err := cmd.Run()
	msg := strings.TrimSpace(stderr.String())
	if ctx.Err() == context.DeadlineExceeded {
		return nil, fmt.Errorf("tesseract did not finish reading the %s within %v", req.Purpose, Timeout)
	}
	if strings.Contains(msg, "Failed loading language") || strings.Contains(msg, "Error opening data file") {
		return nil, ErrMissing
	}
	if err != nil {
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("tesseract failed reading the %s: %s", req.Purpose, lastLine(msg))
	}
	return stdout.Bytes(), nil
}

func lastLine(s string) string {
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
