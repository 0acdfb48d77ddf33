import { describe, expect, it } from "vitest";
import { PLAIN, renderAlbum, renderContent } from "../emulator/chat/render.js";

const photo = (width: number, height: number) => [{ file_id: "p", file_unique_id: "u", width, height }];

describe("npm run chat: media", () => {
  it("shows an album as one block, each item with its size and caption", () => {
    const album = renderAlbum(
      "bot · msgs 2-4 · album of 3",
      [
        { photo: photo(960, 1183), caption: "By section.\nSource: the handbook" },
        { photo: photo(960, 997) },
        { photo: photo(960, 748) },
      ],
      PLAIN,
    );
    expect(album).toBe(
      [
        "bot · msgs 2-4 · album of 3",
        "1. [photo 960×1183] By section.",
        "   Source: the handbook",
        "2. [photo 960×997]",
        "3. [photo 960×748]",
      ].join("\n"),
    );
  });

  it("shows a document with its name, type and size, its caption and buttons", () => {
    const shown = renderContent(
      "bot · msg 5",
      {
        document: {
          file_id: "d",
          file_unique_id: "u",
          file_name: "table.en.png",
          mime_type: "image/png",
          file_size: 893_000,
        },
        caption: "The whole table",
        reply_markup: { inline_keyboard: [[{ text: "☰ All sections", callback_data: "x" }]] },
      },
      "compare_test_bot",
      PLAIN,
    );
    expect(shown).toBe(
      ["bot · msg 5", "[document table.en.png · image/png · 893 KB]", "The whole table", "  [1] ☰ All sections"].join(
        "\n",
      ),
    );
  });
});
