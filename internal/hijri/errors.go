package hijri

import (
	"fmt"

	"github.com/ruydad/ruydad/internal/jalali"
)

// Reason says why WithCorrections refused a correction.
type Reason uint8

// The reasons a correction is refused.
const (
	ReasonOutOfRange Reason = iota + 1 // the month is outside the Calendar's Range
	ReasonBadStart                     // Start is not a supported Jalali day
	ReasonTooFar                       // Start is more than two days from the uncorrected start (a typo guard)
	ReasonDuplicate                    // another correction names the same month
	ReasonLength                       // the month before would not be 29 or 30 days long
	ReasonConflict                     // an earlier correction's cascade leaves the month before not 29 or 30 days long
)

// CorrectionError says why WithCorrections refused a correction.
type CorrectionError struct {
	Month  Month       // the refused correction's month
	Start  jalali.Date // the refused correction's start
	Reason Reason
	Base   jalali.Date // the uncorrected start (ReasonTooFar)
	Other  Month       // the month whose length breaks (ReasonLength, ReasonConflict)
	Days   int         // the length Other would have
	With   Month       // the earlier correction it conflicts with (ReasonConflict)
}

// Error describes the refusal in English, for the command line and logs.
func (e *CorrectionError) Error() string {
	start := e.Start.String()
	if e.Start.IsZero() {
		start = "no date"
	}
	prefix := fmt.Sprintf("hijri: correction of %s to %s: ", e.Month, start)
	switch e.Reason {
	case ReasonOutOfRange:
		return prefix + "the month is outside the calendar"
	case ReasonBadStart:
		return prefix + "the start is not a supported Jalali date"
	case ReasonTooFar:
		return prefix + fmt.Sprintf("the start is more than %d days from the official start %s", margin, e.Base)
	case ReasonDuplicate:
		return prefix + "the month is corrected more than once"
	case ReasonLength:
		return prefix + fmt.Sprintf("%s would have %d days; a lunar month has 29 or 30", e.Other, e.Days)
	case ReasonConflict:
		return prefix + fmt.Sprintf("conflicts with the correction of %s: %s would have %d days; a lunar month has 29 or 30",
			e.With, e.Other, e.Days)
	}
	return prefix + "refused"
}

// Persian describes the refusal in Persian with Persian digits, for the
// web form.
func (e *CorrectionError) Persian() string {
	const lunar = "؛ ماه قمری ۲۹ یا ۳۰ روز است."
	m := monthFa(e.Month)
	switch e.Reason {
	case ReasonOutOfRange:
		return "ماه " + m + " بیرون از بازهٔ تقویم است."
	case ReasonBadStart:
		return "تاریخ آغاز " + m + " روزی معتبر از تقویم شمسی نیست."
	case ReasonTooFar:
		return "آغاز " + m + " بیش از دو روز با تقویم رسمی فاصله دارد."
	case ReasonDuplicate:
		return "برای " + m + " بیش از یک اصلاح آمده است."
	case ReasonLength:
		return "ماه " + monthFa(e.Other) + " با این تغییر " + jalali.FaNum(e.Days) + " روز می\u200cشود" + lunar
	case ReasonConflict:
		return "اصلاح " + m + " با اصلاح " + monthFa(e.With) + " نمی\u200cخواند: ماه " + monthFa(e.Other) +
			" " + jalali.FaNum(e.Days) + " روز می\u200cشود" + lunar
	}
	return "اصلاح " + m + " پذیرفته نشد."
}

// monthFa returns m in Persian, or its numbers when it is not a month.
func monthFa(m Month) string {
	if !m.valid() {
		return jalali.FaDigits(m.String())
	}
	return m.Format()
}
