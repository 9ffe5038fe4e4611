import AssayKit

extension TextQuality {
    /// The contract examples: licences from the samples, and short texts of the kinds each rule
    /// is for (a list, a keyword dump, a log, spam), written here; each rule with the shipped
    /// defaults unless it is off by default.
    static let examples: [ValidatorExample] = [
        // Accepted, and near misses.
        ValidatorExample("a licence's prose is clean", .file("samples/alice/text/apache-license.txt")),
        ValidatorExample("form feeds are allowed where allow_form_feed is on", .file("samples/dave/text/4-lgpl-2.1.txt"),
                         options: ["allow_form_feed: true"]),
        ValidatorExample("Markdown headings are markup, not hashes", .text(notes), path: "alice/text/notes.md",
                         doesNotGive: ["text.hash_ratio"]),
        ValidatorExample("a Markdown list is not bullet lines", .text(recipe), path: "alice/text/recipe.md",
                         doesNotGive: ["text.bullet_lines"]),
        ValidatorExample("minutes that repeat one action line twice", .text(minutes),
                         doesNotGive: ["text.repeated_lines", "text.repeated_line_chars"]),
        ValidatorExample("a licence scoring above min_score", .file("samples/alice/text/apache-license.txt"), options: ["min_score: 0.92"],
                         doesNotGive: ["text.low_score"]),

        // Encoding.
        ValidatorExample("bytes that are not UTF-8", .bytes([0x48, 0x69, 0xFF, 0xFE, 0x20, 0x21]), gives: ["text.encoding"]),
        ValidatorExample("form feeds between the pages of the LGPL", .file("samples/dave/text/4-lgpl-2.1.txt"),
                         gives: ["text.control_chars"]),

        // Gopher quality.
        ValidatorExample("a four-word text is too short", .text("Buy cheap pills now.\n"), gives: ["text.word_count"]),
        ValidatorExample("sentences around long URLs", .text(mirrors), gives: ["text.mean_word_length"]),
        ValidatorExample("a post ending in hashtags", .text(hashtags), gives: ["text.hash_ratio"]),
        ValidatorExample("Markdown headings in a plain-text file", .text(notes), gives: ["text.hash_ratio"]),
        ValidatorExample("a story told in ellipses", .text(ellipses), gives: ["text.ellipsis_ratio"]),
        ValidatorExample("a bare list", .text(recipe), gives: ["text.bullet_lines"]),
        ValidatorExample("news snippets cut off mid-sentence", .text(snippets), gives: ["text.ellipsis_lines"]),
        ValidatorExample("a table of weather readings", .text(readings), gives: ["text.alpha_words"]),
        ValidatorExample("a dump of search keywords", .text(keywords), gives: ["text.stop_words"]),

        // Gopher repetition.
        ValidatorExample("a log repeating one line", .text(backupLog), gives: ["text.repeated_lines", "text.repeated_line_chars"]),
        ValidatorExample("a newsletter footer pasted after every item", .text(newsletter),
                         gives: ["text.repeated_paragraphs", "text.repeated_paragraph_chars"]),
        ValidatorExample("one phrase stuffed into every sentence", .text(hotels), gives: ["text.top_ngram"]),
        ValidatorExample("one long clause said three times", .text(committee), gives: ["text.repeated_ngram"]),

        // FineWeb.
        ValidatorExample("a table of contents", .text(contents), gives: ["text.terminal_punct_lines"]),
        ValidatorExample("a poem of short sentences, one a line", .text(rainPoem), gives: ["text.short_lines"]),
        ValidatorExample("minutes that repeat one action line, where FineWeb's limit is on", .text(minutes),
                         options: ["max_repeated_line_chars_fineweb: 0.1"], gives: ["text.repeated_line_chars_fineweb"]),
        ValidatorExample("a packing list, one item a paragraph", .text(packing), gives: ["text.newline_ratio"]),

        // Score.
        ValidatorExample("a terse club notice under min_score", .text(clubNotice), options: ["min_score: 0.92"], gives: ["text.low_score"]),
    ]

    static let notes = """
        # Allotment society

        ## Water

        The water is back on at the north gate, and the taps by the sheds work again.

        ## Seed swap

        The seed swap is on Saturday from ten until noon in the church hall.

        ## Plots

        Plot 14 is free again; the secretary will call the next name on the list this month.

        ### Rules

        Please close the gate behind you and keep the paths clear of tools and barrows.

        """

    static let recipe = [
        "flour, sugar and a pinch of salt", "two eggs, beaten with the milk", "butter, melted and cooled to room temperature",
        "the zest and juice of one lemon", "a handful of fresh blueberries", "one teaspoon of baking powder", "a little vanilla extract",
        "oil for the tin", "icing sugar to dust the top", "a bowl, a whisk and a wooden spoon", "a loaf tin lined with paper",
        "an oven at 180 degrees",
    ].map { "- \($0)\n" }.joined()

    static let minutes = """
        Minutes of the residents' meeting, held in the hall of the primary school on the first Monday of March.
        Present: the chair, the treasurer, the secretary and twenty-two residents from the estate.
        The meeting opened with a report on the repairs to the lift in block C, which is working again.
        Action: the secretary will write to the council.
        Residents asked why the lights on the footpath to the station have been out since January.
        Action: the secretary will write to the council.
        The treasurer said the summer fair made a profit of four hundred pounds, which will pay for new benches.
        A resident offered to organise a litter pick on the last Saturday of the month, starting at the shops.
        Action: the secretary will write to the council.
        The next meeting will be held on the first Monday of April at seven in the evening.

        """

    static let mirrors = (1...20).map { number in
        "Mirror \(number) of the archive is https://mirror\(number).example.edu/pub/debian/dists/bookworm/main/installer-amd64/current/images/.\n"
    }.joined()

    static let hashtags = """
        Golden hour at the lake with the whole family and the dog, the best way to end a long summer week.
        #sunset #lake #summer #family #dog #picnic #goldenhour #nofilter #weekend #travel #nature #hiking #photooftheday #instagood #love #happy #memories #blessed
        We packed a picnic, walked the old trail to the pier and stayed until the last light was gone. Already counting the days to the next trip.

        """

    static let ellipses = """
        so I called them again... nobody answered... then the line went dead... I waited by the door for an hour... \
        the bus came... it was the wrong one... I got off at the market... it was closed... I walked home in the rain... \
        my phone died... the keys were in the other coat... the neighbour was out... I sat on the step... \
        and that is how the day went... I still do not know what to make of it... maybe tomorrow... we will see...

        """

    static let snippets = """
        The council met on Tuesday to discuss the new bus routes through the centre of town...
        Residents of the north side have asked for a stop closer to the health centre and the...
        The plan would add two buses an hour on weekday mornings and one more in the evening...
        A decision on the fares is expected at the next meeting of the transport committee in...
        Shop owners on the high street said the works would close the road for at least six...
        The full report is available at the library and on the council website for anyone who...

        """

    static let readings = """
        Date        Min   Max   Rain  Wind
        2024-06-01  11.2  19.8  0.0   12
        2024-06-02  12.0  21.3  0.4   9
        2024-06-03  10.7  18.1  5.2   22
        2024-06-04  9.8   16.4  12.1  31
        2024-06-05  10.1  17.9  2.3   17
        2024-06-06  11.5  20.2  0.0   8
        2024-06-07  13.3  23.7  0.0   6
        2024-06-08  14.0  24.9  0.0   7
        2024-06-09  13.1  22.0  1.1   14
        2024-06-10  12.4  20.6  3.7   19
        Readings from the station on the hill, in degrees, millimetres and km/h.

        """

    static let keywords = """
        cheap flights london paris rome cheap hotels cheap car hire best deals last minute holidays beach resorts ski chalets \
        city breaks family packages all inclusive discount codes vouchers coupons budget travel student discounts flight comparison \
        hotel reviews airport parking travel insurance visa information currency exchange rates weather forecast packing list \
        luggage sizes baggage allowance lounge access lowest prices guaranteed book online today free cancellation.

        """

    static let backupLog = (["Starting the nightly backup of the home folders to the external disk."]
        + Array(repeating: "Connection to the backup disk was refused, so the job will retry in thirty seconds.", count: 8)
        + ["The backup gave up after eight attempts and will run again tomorrow night at the usual time."])
        .map { $0 + "\n" }.joined()

    static let newsletter: String = {
        let footer = "You are receiving this message because you signed up for the weekly letter of the allotment society. "
            + "To stop it, reply with the word stop and we will take you off the list within a week."
        return [
            "This week the water was turned back on at the north gate, and the shed has a new lock.", footer,
            "The seed swap is on Saturday from ten until noon in the church hall; bring what you have spare.", footer,
            "Plot 14 is free again; the waiting list is with the secretary, who will call the next name this month.", footer,
        ].joined(separator: "\n\n") + "\n"
    }()

    static let hotels = """
        Best cheap hotels in Paris: find the best cheap hotels in Paris today. Our guide to the best cheap hotels in Paris \
        lists the best cheap hotels in Paris by area, so you can book the best cheap hotels in Paris near the sights. The best \
        cheap hotels in Paris fill up fast in summer, and the best cheap hotels in Paris are cheaper in winter. Compare the best \
        cheap hotels in Paris now and save on the best cheap hotels in Paris.

        """

    static let committee: String = {
        let clause = "the committee will meet again in the spring to review the budget for the coming year and to decide "
            + "whether the library can stay open on Sunday afternoons"
        return "After a long debate \(clause). Members agreed that \(clause), and the chair noted that \(clause). "
            + "A vote was taken and the motion was carried by a small margin after the tea break.\n"
    }()

    static let contents = """
        Chapter 1: Getting started with the garden in early spring and choosing what to grow

        Chapter 2: Soil, compost and the worms that do most of the work for you

        Chapter 3: Sowing seeds indoors on a windowsill and under glass

        Chapter 4: Planting out, watering and keeping the slugs away from the young plants

        Chapter 5: Beans, peas and the other climbers that need a frame to grow on

        Chapter 6: Harvesting, storing and sharing what you cannot eat in time

        Chapter 7: Putting the beds to rest for the winter and planning the next year

        """

    static let rainPoem = """
        Rain again.
        The gutters sing.
        The cat waits by the door.
        Nobody comes.
        The kettle boils.
        I drink the tea.
        The light goes grey.
        A bus goes by.
        The street is wet.
        The lamps come on.
        I close the book.
        I go to bed.
        The rain goes on.
        It is late.
        The clock ticks.
        I fall asleep.
        Morning comes.
        The rain has stopped.
        Birds sing.
        The sun is out.

        """

    static let packing = "What to pack for the hike, and what we forgot last time:\n\n" + [
        "Tent", "Sleeping bag", "Mat", "Stove and gas", "Matches", "Water filter", "Map and compass", "Head torch", "Rain jacket",
        "Warm hat", "Spare socks", "First aid kit", "Sun cream", "Knife", "Rope", "Food for three days", "Rubbish bags",
        "Phone charger", "Tea bags", "Playing cards",
    ].joined(separator: "\n\n") + "\n"

    static let clubNotice = """
        Big news for the club!!!
        Training moves to Thursday... same time, same pitch.
        Bring water and boots.
        The new kit is in... sizes are small, so try it on first at the club house after the session on Thursday.
        Subs are due by the end of the month, cash or card at the bar, and juniors pay half as usual.
        See you all there!
        #football #club #training

        """
}
