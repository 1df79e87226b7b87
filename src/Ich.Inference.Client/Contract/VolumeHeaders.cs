namespace Ich.Inference.Client.Contract;

/// <summary>The headers that give an octet-stream body its shape and geometry.</summary>
public static class VolumeHeaders
{
    /// <summary>Columns per slice.</summary>
    public const string Width = "X-Ich-Width";

    /// <summary>Rows per slice.</summary>
    public const string Height = "X-Ich-Height";

    /// <summary>Number of slices.</summary>
    public const string Slices = "X-Ich-Slices";

    /// <summary>Distance between rows, mm.</summary>
    public const string RowSpacingMm = "X-Ich-Row-Spacing-Mm";

    /// <summary>Distance between columns, mm.</summary>
    public const string ColumnSpacingMm = "X-Ich-Column-Spacing-Mm";

    /// <summary>Distance between slice centres along the normal, mm.</summary>
    public const string SliceSpacingMm = "X-Ich-Slice-Spacing-Mm";

    /// <summary>The body's media type.</summary>
    public const string OctetStream = "application/octet-stream";
}
