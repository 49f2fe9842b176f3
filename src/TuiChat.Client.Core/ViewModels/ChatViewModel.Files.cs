using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Files;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>Sending and saving files, with progress in <see cref="Transfers"/> and the status line.</summary>
public sealed partial class ChatViewModel
{
    /// <summary>The offer announced for <paramref name="fileId"/> in this session, if any.</summary>
    public FileOffer? FindFileOffer(string fileId) => _fileOffers.GetValueOrDefault(fileId);

    /// <summary>The newest file offered in the selected conversation (what <c>/save</c> and F5 save).</summary>
    public FileOffer NewestFileOfferHere() =>
        RequireSelected().Lines.LastOrDefault(line => line.File is not null)?.File
            ?? throw new ArgumentException("no file has been offered in this conversation");

    /// <summary>Uploads the file at <paramref name="path"/> to a room, group or user ("@bob" or "bob").</summary>
    public async Task<FileEvent> SendFileAsync(string target, string path)
    {
        string fullPath = Path.GetFullPath(ExpandHome(path.Trim().Trim('"')));
        var info = new FileInfo(fullPath);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"no such file: {path}", fullPath);
        }
        if (await SendSealedFileAsync(StripAt(target), info).ConfigureAwait(false) is { } sealedFile)
        {
            return sealedFile;
        }
        var transfer = new TransferViewModel(info.Name, isUpload: true, info.Length);
        return await TrackAsync(transfer,
            progress => _connection.UploadFileAsync(StripAt(target), fullPath, progress)).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads a file into the downloads folder, checks its SHA-256 and returns the saved path.
    /// <paramref name="name"/> overrides the default name but is still kept inside the folder.
    /// </summary>
    public async Task<string> SaveFileAsync(string fileId, string? name = null)
    {
        if (await SaveSealedFileAsync(fileId, name).ConfigureAwait(false) is { } decrypted)
        {
            return decrypted;
        }
        FileOffer? offer = FindFileOffer(fileId);
        var transfer = new TransferViewModel(offer?.Name ?? fileId, isUpload: false, offer?.Size ?? 0);
        var downloader = new FileDownloader(_connection, _settings.DownloadsFolder);
        string saved = await TrackAsync(transfer,
            progress => downloader.DownloadAsync(fileId, offer, name, progress)).ConfigureAwait(false);
        Notice($"saved {fileId} to {saved}");
        return saved;
    }

    /// <summary>Shows <paramref name="transfer"/> while <paramref name="work"/> runs, then removes it.</summary>
    private async Task<T> TrackAsync<T>(TransferViewModel transfer, Func<IProgress<TransferProgress>, Task<T>> work)
    {
        Post(() =>
        {
            Transfers.Add(transfer);
            UpdateStatusText();
        });
        var progress = new DispatchedProgress<TransferProgress>(_dispatcher, p =>
        {
            transfer.Progress = p;
            UpdateStatusText();
        });
        try
        {
            T result = await work(progress).ConfigureAwait(false);
            Post(() => transfer.State = TransferState.Done);
            return result;
        }
        catch (Exception e)
        {
            Post(() =>
            {
                transfer.State = TransferState.Failed;
                transfer.Error = e.Message;
            });
            throw;
        }
        finally
        {
            Post(() =>
            {
                Transfers.Remove(transfer);
                UpdateStatusText();
            });
        }
    }

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..]
            : path;
}
