using TuiChat.Client.Core.Connection;

namespace TuiChat.Client.Core.ViewModels;

public enum TransferState
{
    Running,
    Done,
    Failed,
}

/// <summary>An upload or download in progress, for a progress display.</summary>
public sealed partial class TransferViewModel : ObservableObject
{
    internal TransferViewModel(string name, bool isUpload, long total)
    {
        Name = name;
        IsUpload = isUpload;
        Progress = new TransferProgress(0, total);
    }

    public string Name { get; }
    public bool IsUpload { get; }

    [ObservableProperty]
    [NotifyPropertyChangedFor(nameof(Display))]
    public partial TransferProgress Progress { get; internal set; }

    [ObservableProperty]
    [NotifyPropertyChangedFor(nameof(Display))]
    public partial TransferState State { get; internal set; } = TransferState.Running;

    [ObservableProperty]
    public partial string? Error { get; internal set; }

    /// <summary>"uploading report.pdf 45%".</summary>
    public string Display => (IsUpload ? "uploading " : "downloading ") + Name + " " + Progress.Percent + "%";
}
