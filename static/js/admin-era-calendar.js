// The admin's calendar (calendar.js, DateTimeShortcuts.js) in the Buddhist Era on Thai screens.
// Thai date fields read a typed year as BE (core.dates.typed_year): the calendar's caption shows
// the BE year, a picked day or "Today" is written with the BE year, and an input's BE year
// (in ASCII or Thai digits) opens the calendar on the right month. English screens are left
// as Django made them. The admin may load this before core.js and calendar.js, so the changes
// are made once every script has run; the calendar opens only on a click, later still.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
    if (document.documentElement.lang !== "th" || !Date.prototype.strftime) {
        return;
    }
    const OFFSET = 543;
    const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";

    const strftime = Date.prototype.strftime;
    Date.prototype.strftime = function (format) {
        return strftime.call(this, format.replace(/%Y/g, String(this.getFullYear() + OFFSET)));
    };

    const strptime = String.prototype.strptime;
    String.prototype.strptime = function (format) {
        const typed = this.replace(/[๐-๙]/g, (digit) => String(THAI_DIGITS.indexOf(digit)));
        const date = strptime.call(typed, format);
        if (format.includes("%Y") && !Number.isNaN(date.getTime())) {
            date.setUTCFullYear(date.getUTCFullYear() - OFFSET);
        }
        return date;
    };

    const calendar = window.CalendarNamespace;
    if (calendar) {
        const draw = calendar.draw;
        calendar.draw = function (month, year, divId, callback, selected) {
            draw.call(this, month, year, divId, callback, selected);
            const caption = document.getElementById(divId).querySelector("caption");
            if (caption) {
                const shown = parseInt(year, 10) + OFFSET;
                caption.textContent = calendar.monthsOfYear[month - 1] + " " + shown;
            }
        };
    }
});
