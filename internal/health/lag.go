package health

import "time"

// Total sums the known lags of ps and counts the partitions whose lag is
// unknown (nil: no commit yet), so that a total never guesses.
func Total(lags []*int64) (known int64, unknown int) {
	for _, l := range lags {
		if l == nil {
			unknown++
			continue
		}
		known += *l
	}
	return known, unknown
}

// LagSeconds is the age at now of the oldest unread record, whose
// timestamp is ts; zero when ts is in the future (a skewed producer
// clock), since a record cannot be younger than nothing.
func LagSeconds(now, ts time.Time) float64 {
	d := now.Sub(ts).Seconds()
	if d < 0 {
		return 0
	}
	return d
}
