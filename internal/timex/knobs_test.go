//go:build timexdev

package timex

// Knobs exposes the policy variables to the sweep in sweep_dev_test.go.
var Knobs = map[string]*int{
	"month":   &monthPolicy,
	"weekday": &weekdayPolicy,
	"far":     &monthDayFar,
	"ref":     &refPolicy,
	"window":  &dirWindow,
}
