pragma Singleton
import QtQuick

// The sizes FitText has found, by everything the fit depends on: a slide built again (the
// loop comes back to it every few minutes all day) takes its sizes from here instead of
// laying its text out eight times or so for the binary search. Bounded: cleared when full.
QtObject {
    property var sizes: ({})
    property int count: 0
    readonly property int limit: 4000

    function find(key: string): real {
        const size = sizes[key];
        return size === undefined ? -1 : size;
    }

    function keep(key: string, size: real) {
        if (count >= limit) {
            sizes = {};
            count = 0;
        }
        if (sizes[key] === undefined)
            count += 1;
        sizes[key] = size;
    }
}
