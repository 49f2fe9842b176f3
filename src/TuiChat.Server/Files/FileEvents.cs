using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Files;

/// <summary>Builds the <c>file</c> event that offers a stored file.</summary>
public static class FileEvents
{
    public static FileEvent From(FileRecord file, bool offline) => new()
    {
        FileId = file.FileId,
        From = file.From,
        To = file.To,
        Name = file.Name,
        Size = file.Size,
        Sha256 = file.Sha256,
        Ts = Timestamps.ToWire(file.Ts),
        MsgId = file.MsgId,
        Offline = offline,
    };

    /// <summary>What a history or search line that offers <paramref name="file"/> carries besides its text.</summary>
    public static OfferedFile Offered(FileRecord file) => new() { FileId = file.FileId, Name = file.Name, Size = file.Size, Sha256 = file.Sha256 };
}
