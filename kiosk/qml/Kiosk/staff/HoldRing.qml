import QtQuick
import QtQuick.Shapes
import Kiosk

// The staff corner's progress: a faint full circle and, over it, an arc in the accent colour
// filling clockwise from the top as the hold goes on (`progress`, 0 to 1). Thin and quiet:
// it tells staff they are in the right spot, not visitors that there is one.
Item {
    id: ring

    property real progress: 0
    readonly property real stroke: Math.max(3, width * 0.07)
    readonly property real radius: (width - stroke) / 2

    Shape {
        anchors.fill: parent
        preferredRendererType: Shape.CurveRenderer

        ShapePath {
            strokeColor: Theme.controlLine
            strokeWidth: ring.stroke
            fillColor: "transparent"
            PathAngleArc {
                centerX: ring.width / 2
                centerY: ring.height / 2
                radiusX: ring.radius
                radiusY: ring.radius
                startAngle: -90
                sweepAngle: 360
            }
        }

        ShapePath {
            strokeColor: Theme.accent
            strokeWidth: ring.stroke
            fillColor: "transparent"
            capStyle: ShapePath.RoundCap
            PathAngleArc {
                centerX: ring.width / 2
                centerY: ring.height / 2
                radiusX: ring.radius
                radiusY: ring.radius
                startAngle: -90
                sweepAngle: 360 * ring.progress
            }
        }
    }
}
