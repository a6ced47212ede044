package units

import (
	"fmt"
	"strconv"
	"strings"
)

// FormatBytes writes a size as Heroku does (1024-based): "1 byte",
// "512 bytes", "12 KB", then "1.50 MB", "2.00 GB", "3.10 TB".
func FormatBytes(n int64) string {
	const k = 1024
	switch {
	case n == 1:
		return "1 byte"
	case n < k:
		return fmt.Sprintf("%d bytes", n)
	case n < k*k:
		// Heroku's humanize rounds kilobytes to a whole number, with
		// thousands separators (1,048,000 bytes is "1,023 KB").
		return FormatInt((n+k/2)/k) + " KB"
	case n < k*k*k:
		return fmt.Sprintf("%.2f MB", float64(n)/(k*k))
	case n < k*k*k*k:
		return fmt.Sprintf("%.2f GB", float64(n)/(k*k*k))
	}
	return fmt.Sprintf("%.2f TB", float64(n)/(k*k*k*k))
}

// FormatInt writes an integer with thousands separators: 1,234,567.
func FormatInt(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 && !(neg && b.Len() == 1) {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// FormatRate writes a per-second rate as a rounded integer with commas, as
// Heroku's intComma does; rates under 10 keep one decimal so a slow topic
// does not read as idle.
func FormatRate(r float64) string {
	if r > 0 && r < 10 {
		return strconv.FormatFloat(float64(int64(r*10+0.5))/10, 'f', -1, 64)
	}
	return FormatInt(int64(r + 0.5))
}
