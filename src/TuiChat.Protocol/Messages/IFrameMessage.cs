namespace TuiChat.Protocol.Messages;

/// <summary>Anything that travels as one frame. <see cref="Type"/> is written first on the wire.</summary>
public interface IFrameMessage
{
    string Type { get; }
}
