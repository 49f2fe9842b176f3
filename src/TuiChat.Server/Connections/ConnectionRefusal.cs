using System.Net.Sockets;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Server.Connections;

/// <summary>
/// Turns away a connection that is not admitted (no thread, no queue): one <c>error</c> frame, then
/// close. Nothing here may block the accept loop, so the frame is sent without waiting; a fresh
/// socket's send buffer always has room for it.
/// </summary>
public static class ConnectionRefusal
{
    private const int DiscardBytes = 4096;

    public static void Send(Socket socket, string code, string message)
    {
        try
        {
            socket.Blocking = false;
            socket.Send(MessageCodec.EncodeFrame(new ErrorReply { Code = code, Message = message }));
            socket.Shutdown(SocketShutdown.Send);
            // Unread input (an early hello) would make the close a reset, which can destroy the
            // error frame before the peer reads it; discard what has arrived.
            if (socket.Available > 0)
            {
                socket.Receive(new byte[Math.Min(socket.Available, DiscardBytes)]);
            }
        }
        catch (SocketException)
        {
            // The peer is gone or not reading; it is closed either way.
        }
        finally
        {
            socket.Dispose();
        }
    }
}
