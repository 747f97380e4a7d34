"""A GStreamer RTSP server for ingest's tests: a live test pattern as RTP/JPEG at rtsp://127.0.0.1:PORT/cam.

Options: --h264 (H.264 instead of JPEG: its decoder holds frames back, as real cameras' streams do),
--udp-only (refuse RTP over TCP, as VLC's server does), --login USER:PASSWORD (basic authentication).
Prints "client" for every connection it accepts."""
import argparse
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("port")
parser.add_argument("--h264", action="store_true")
parser.add_argument("--udp-only", action="store_true")
parser.add_argument("--login")
args = parser.parse_args()

Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service(args.port)
factory = GstRtspServer.RTSPMediaFactory()
# A key frame every second, with the parameter sets, so a client that joins decodes from the next one.
encode = ("openh264enc gop-size=10 ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=-1" if args.h264
          else "jpegenc quality=80 ! rtpjpegpay name=pay0 pt=26")
factory.set_launch(
    "( videotestsrc is-live=true pattern=ball ! video/x-raw,format=I420,width=320,height=240,framerate=10/1"
    " ! " + encode + " )")
factory.set_shared(True)
if args.udp_only:
    factory.set_protocols(GstRtsp.RTSPLowerTrans.UDP)
if args.login:
    user, password = args.login.split(":", 1)
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string("media.factory.role", user)
    auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
    server.set_auth(auth)
    permissions = GstRtspServer.RTSPPermissions()
    permissions.add_permission_for_role(user, "media.factory.access", True)
    permissions.add_permission_for_role(user, "media.factory.construct", True)
    factory.set_permissions(permissions)
server.get_mount_points().add_factory("/cam", factory)
server.connect("client-connected", lambda *_: print("client", flush=True))
if server.attach(None) == 0:
    sys.exit("cannot listen on port " + args.port)
print("ready", flush=True)
GLib.MainLoop().run()
