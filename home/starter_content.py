"""The starter content of a new Rangkul site, in Bahasa Indonesia and English.

Written from shared/program-facts.md in the site's own words. Each page is keyed by a
stable name; ``load_initial_data`` creates what is missing and never overwrites a page
an editor has already changed.
"""

import datetime


def h2(text):
    return ("heading", {"text": text, "level": "h2"})


def rich(html):
    return ("paragraph", html)


def definition(term, text):
    return ("definition", {"term": term, "definition": text})


def titled_list(title, items, intro=""):
    return (
        "titled_list",
        {"title": title, "intro": intro, "items": [{"title": t, "text": x} for t, x in items]},
    )


def examples(title, cards):
    return ("example_cards", {"title": title, "cards": [{"title": t, "text": x} for t, x in cards]})


def faq(title, questions):
    return ("faq", {"title": title, "questions": [{"question": q, "answer": a} for q, a in questions]})


def table(caption, rows):
    return (
        "table",
        {
            "caption": caption,
            "table": {"first_row_is_table_header": True, "first_col_is_header": True, "data": rows},
        },
    )


def quote(text, who):
    return ("quote", {"quote": text, "attribution": who})


HOTLINES_VERIFIED = datetime.date(2026, 11, 1)

# Each hotline: Indonesian text, English text, and the fields both share.
HOTLINES = [
    {
        "key": "112",
        "shared": {"number": "112", "sort_order": 1, "show_in_crisis_bar": True},
        "id": {
            "name": "Panggilan Darurat",
            "hours": "24 jam",
            "description": "Nomor darurat nasional untuk polisi, ambulans dan pemadam kebakaran.",
        },
        "en": {
            "name": "Emergency call",
            "hours": "24 hours",
            "description": "Indonesia's national emergency number for police, ambulance and fire.",
        },
    },
    {
        "key": "110",
        "shared": {"number": "110", "sort_order": 2, "show_in_crisis_bar": False},
        "id": {
            "name": "Polisi",
            "hours": "24 jam",
            "description": "Jika ada kejahatan atau seseorang terancam bahaya.",
        },
        "en": {
            "name": "Police",
            "hours": "24 hours",
            "description": "When a crime is happening or someone is under threat.",
        },
    },
    {
        "key": "119",
        "shared": {
            "number": "119",
            "extension": "8",
            "website": "https://healing119.id",
            "sort_order": 3,
            "show_in_crisis_bar": True,
        },
        "id": {
            "name": "Kesehatan Jiwa (Kemenkes)",
            "hours": "24 jam",
            "description": "Hubungi 119 lalu tekan 8 untuk bicara tentang kesehatan jiwa, termasuk pikiran untuk "
            "mengakhiri hidup.",
        },
        "en": {
            "name": "Mental health line (Ministry of Health)",
            "hours": "24 hours",
            "description": "Call 119 and press 8 to talk about mental health, including thoughts of ending your "
            "life.",
        },
    },
    {
        "key": "129",
        "shared": {"number": "129", "whatsapp": "0811-1129-129", "sort_order": 4, "show_in_crisis_bar": True},
        "id": {
            "name": "SAPA",
            "hours": "24 jam",
            "description": "Layanan Kementerian PPPA untuk perempuan dan anak yang mengalami kekerasan.",
        },
        "en": {
            "name": "SAPA",
            "hours": "24 hours",
            "description": "The government's line for women and children who face violence or abuse.",
        },
    },
    {
        "key": "184",
        "shared": {"number": "184", "sort_order": 5, "show_in_crisis_bar": False},
        "id": {
            "name": "BNN",
            "hours": "Setiap hari",
            "description": "Badan Narkotika Nasional: konsultasi dan rehabilitasi terkait narkoba.",
        },
        "en": {
            "name": "BNN",
            "hours": "Every day",
            "description": "National Narcotics Board: advice and rehabilitation for drug use.",
        },
    },
]

SITE_SETTINGS = {
    "organisation_name": "Rangkul",
    "contact_email": "halo@rangkul.sch.id",
    "contact_phone": "(021) 555-0142",
    "address": "Jl. Melati No. 12\nJakarta Selatan 12430",
    "counselor_name": "Ibu Ratna Wulandari, S.Pd.",
    "counselor_phone": "0812-5550-0142",
    "counselor_email": "bk@rangkul.sch.id",
    "counselor_hours": "Senin–Jumat, 07.30–15.00 WIB",
    "footer_text": "Rangkul: dukungan teman sebaya, bimbingan konseling dan layanan psikososial untuk anak, "
    "remaja dan keluarga. Layanan ini bukan layanan darurat.",
    "footer_text_en": "Rangkul: peer support, guidance & counseling and psychosocial services for children, "
    "young people and families. This is not an emergency service.",
}

HOME = {
    "id": {
        "title": "Kamu tidak sendirian",
        "slug": "home",
        "seo_title": "Rangkul — dukungan untuk anak, remaja dan keluarga",
        "search_description": "Dukungan teman sebaya, bimbingan konseling dan layanan psikososial untuk siswa "
        "dan keluarga. Buat janji dengan konselor atau bergabung dengan kelompok.",
        "intro": "Rangkul adalah tempat siswa dan keluarga mencari dukungan: dari teman sebaya yang sudah "
        "dilatih, dari konselor sekolah, dan dari layanan psikososial bersama keluarga dan komunitas. "
        "Semua layanan gratis dan dijaga kerahasiaannya.",
        "services_heading": "Tiga cara kami mendampingi",
        "help_heading": "Butuh bantuan? Mulai dari sini",
        "danger_text": "Jika kamu atau orang lain dalam bahaya sekarang, jangan menunggu. Hubungi salah satu "
        "nomor ini atau datang ke IGD rumah sakit terdekat.",
        "counselor_text": "Ingin bicara dengan konselor dalam beberapa hari ke depan? Pilih waktu yang cocok. "
        "Kamu tidak perlu membuat akun.",
        "peer_text": "Kadang lebih mudah bercerita kepada teman seusia. Teman sebaya kami sudah dilatih untuk "
        "mendengarkan tanpa menghakimi.",
        "body": [],
    },
    "en": {
        "title": "You are not alone",
        "slug": "home-en",
        "seo_title": "Rangkul — support for children, young people and families",
        "search_description": "Peer support, guidance & counseling and psychosocial services for students and "
        "families. Book a counselor or join a group.",
        "intro": "Rangkul is where students and families find support: from trained peers, from the school "
        "counselor, and from psychosocial services that work with families and the community. Every "
        "service is free and kept confidential.",
        "services_heading": "Three ways we walk alongside you",
        "help_heading": "Need help? Start here",
        "danger_text": "If you or someone else is in danger now, do not wait. Call one of these numbers or go "
        "to the nearest hospital emergency room (IGD).",
        "counselor_text": "Want to talk to a counselor in the next few days? Choose a time that suits you. "
        "You do not need an account.",
        "peer_text": "Sometimes it is easier to talk to someone your own age. Our peer supporters are trained "
        "to listen without judging.",
        "body": [],
    },
}

SERVICES_INDEX = {
    "id": {
        "title": "Layanan Kami",
        "slug": "layanan",
        "show_in_menus": True,
        "search_description": "Perbedaan dan hubungan antara dukungan teman sebaya, bimbingan konseling dan "
        "layanan psikososial.",
        "intro": "Ketiga layanan ini punya tujuan yang sama: membantu anak dan remaja tumbuh sehat secara "
        "sosial dan emosional. Yang berbeda adalah siapa yang mendampingi, seberapa formal "
        "pendampingannya, dan seberapa luas cakupannya.",
        "comparison": [
            table(
                "Perbandingan tiga layanan",
                [
                    ["", "Dukungan Teman Sebaya", "Bimbingan Konseling", "Layanan Psikososial"],
                    [
                        "Siapa yang mendampingi",
                        "Teman seusia yang sudah dilatih",
                        "Konselor atau psikolog profesional",
                        "Tenaga profesional bersama keluarga, komunitas dan kelompok dukungan",
                    ],
                    [
                        "Seberapa formal",
                        "Santai dan akrab",
                        "Terstruktur dan profesional",
                        "Menyeluruh, sering berbasis komunitas",
                    ],
                    [
                        "Kekuatan utama",
                        "Jaringan saling dukung dan pencegahan sejak dini",
                        "Pendampingan pribadi yang lebih mendalam",
                        "Pemulihan jangka panjang dalam lingkup yang lebih luas",
                    ],
                ],
            )
        ],
        "body": [
            h2("Bagaimana ketiganya saling terhubung"),
            rich(
                "<p>Banyak siswa memulai dengan bercerita kepada teman sebaya. Jika masalahnya butuh "
                "pendampingan lebih dalam, teman sebaya akan mengajak menemui konselor. Jika yang dialami "
                "juga menyentuh keluarga atau lingkungan, misalnya setelah bencana atau kekerasan, konselor "
                "bekerja sama dengan layanan psikososial. Kamu boleh mulai dari pintu mana pun.</p>"
            ),
        ],
    },
    "en": {
        "title": "Our Services",
        "slug": "services",
        "show_in_menus": True,
        "search_description": "How peer support, guidance & counseling and psychosocial services differ and "
        "work together.",
        "intro": "All three services share one aim: helping children and young people grow up socially and "
        "emotionally healthy. What differs is who gives the support, how formal it is, and how wide it "
        "reaches.",
        "comparison": [
            table(
                "The three services compared",
                [
                    ["", "Peer support", "Guidance & counseling", "Psychosocial services"],
                    [
                        "Who helps",
                        "Trained young people of the same age",
                        "A professional counselor or psychologist",
                        "Professionals together with families, communities and support groups",
                    ],
                    [
                        "How formal",
                        "Relaxed and familiar",
                        "Structured and professional",
                        "Broad, often based in the community",
                    ],
                    [
                        "Main strength",
                        "A network of mutual support that prevents problems early",
                        "Deeper, one-to-one support",
                        "Long-term recovery in a wider setting",
                    ],
                ],
            )
        ],
        "body": [
            h2("How the three connect"),
            rich(
                "<p>Many students start by talking to a peer. When something needs deeper support, the peer "
                "supporter helps them see a counselor. When what is happening also touches the family or "
                "the community, for example after a disaster or violence, the counselor works with the "
                "psychosocial team. You can start through any door.</p>"
            ),
        ],
    },
}

PEER = {
    "id": {
        "title": "Dukungan Teman Sebaya",
        "slug": "dukungan-teman-sebaya",
        "service": "peer",
        "summary": "Bercerita kepada teman seusia yang sudah dilatih untuk mendengarkan. Termasuk Sistem Buddy "
        "untuk siswa baru.",
        "search_description": "Program peer support: teman sebaya yang terlatih mendengarkan, Sistem Buddy untuk "
        "siswa baru, dan peer mentoring.",
        "show_exit_button": False,
        "body": [
            definition(
                "Apa itu dukungan teman sebaya?",
                "<p>Siswa atau remaja yang sudah mendapat pelatihan berperan sebagai pendengar dan penyemangat "
                "bagi teman-temannya. Karena usianya dekat, mereka sering lebih mudah memahami apa yang "
                "kamu alami, sehingga bercerita terasa lebih aman.</p>",
            ),
            titled_list(
                "Tujuannya",
                [
                    ("Lebih terhubung", "Siswa merasa punya teman yang bisa diajak bicara."),
                    (
                        "Bantuan dari orang yang dipercaya",
                        "Masalah sosial atau emosional bisa dibicarakan dengan teman yang sudah dilatih.",
                    ),
                    ("Mengurangi stigma", "Membicarakan perasaan menjadi hal yang biasa di antara teman."),
                ],
            ),
            titled_list(
                "Apa yang dilakukan teman sebaya",
                [
                    ("Mendengarkan dan menyemangati", "Memberi dukungan emosional tanpa menghakimi."),
                    (
                        "Melatih keterampilan sosial",
                        "Berkomunikasi dengan baik, berempati dan menyelesaikan masalah dalam pertemanan.",
                    ),
                    (
                        "Mencegah lebih awal",
                        "Dukungan teman membantu menurunkan risiko kecemasan dan depresi.",
                    ),
                ],
            ),
            examples(
                "Contoh kegiatan",
                [
                    (
                        "Sistem Buddy",
                        "Siswa baru didampingi kakak kelas yang sudah berpengalaman selama "
                        "minggu-minggu pertama di sekolah.",
                    ),
                    (
                        "Peer mentoring",
                        "Pendampingan rutin oleh teman sebaya untuk siswa yang merasa cemas "
                        "dalam pergaulan atau mengalami perundungan.",
                    ),
                    (
                        "Lingkar dukungan",
                        "Pertemuan kelompok kecil setiap minggu untuk saling bercerita "
                        "dengan aturan yang menjaga rasa aman.",
                    ),
                ],
            ),
            faq(
                "Pertanyaan yang sering diajukan",
                [
                    (
                        "Apakah teman sebaya menggantikan konselor?",
                        "<p>Tidak. Teman sebaya mendengarkan dan menemani. Jika kamu butuh bantuan lebih, mereka "
                        "akan mengajakmu menemui konselor sekolah.</p>",
                    ),
                    (
                        "Apakah ceritaku akan disebarkan?",
                        "<p>Teman sebaya berjanji menjaga ceritamu. Hanya jika ada yang dalam bahaya, mereka wajib "
                        "memberi tahu konselor agar kamu mendapat bantuan.</p>",
                    ),
                    (
                        "Bagaimana cara menjadi buddy?",
                        "<p>Siswa kelas atas bisa mendaftar dan akan mengikuti pelatihan singkat dari konselor "
                        "sebelum mulai mendampingi.</p>",
                    ),
                ],
            ),
            quote(
                "Waktu pindah sekolah aku takut tidak punya teman. Buddy-ku menemaniku sampai aku berani "
                "sendiri.",
                "Siswa kelas 7",
            ),
        ],
    },
    "en": {
        "title": "Peer Support",
        "slug": "peer-support",
        "service": "peer",
        "summary": "Talk to someone your own age who has been trained to listen. Includes the Buddy System for "
        "new students.",
        "search_description": "Peer support programme: trained peers who listen, a Buddy System for new students, "
        "and peer mentoring.",
        "show_exit_button": False,
        "body": [
            definition(
                "What is peer support?",
                "<p>Students or young people who have had training act as listeners and encouragers for "
                "their peers. Because they are close in age, they often understand what you are going "
                "through, so talking feels safer.</p>",
            ),
            titled_list(
                "What it aims for",
                [
                    ("More connection", "Students feel they have someone to talk to."),
                    (
                        "Help from someone you trust",
                        "Social or emotional worries can be shared with a trained peer.",
                    ),
                    ("Less stigma", "Talking about feelings becomes ordinary among friends."),
                ],
            ),
            titled_list(
                "What peer supporters do",
                [
                    ("Listen and encourage", "Give emotional support without judging."),
                    (
                        "Practise social skills",
                        "Communicate well, show empathy and solve problems in friendships.",
                    ),
                    ("Help early", "Support from peers lowers the risk of anxiety and depression."),
                ],
            ),
            examples(
                "What it looks like",
                [
                    (
                        "Buddy System",
                        "A new student is paired with an experienced older student for their "
                        "first weeks at school.",
                    ),
                    (
                        "Peer mentoring",
                        "Regular support from a peer for students who feel anxious socially or "
                        "are being bullied.",
                    ),
                    (
                        "Support circle",
                        "A small weekly group to share, with ground rules that keep everyone safe.",
                    ),
                ],
            ),
            faq(
                "Frequently asked questions",
                [
                    (
                        "Do peer supporters replace the counselor?",
                        "<p>No. Peer supporters listen and keep you company. If you need more help, they will "
                        "help you see the school counselor.</p>",
                    ),
                    (
                        "Will my story be shared?",
                        "<p>Peer supporters promise to keep what you say private. Only if someone is in danger "
                        "must they tell a counselor, so that you get help.</p>",
                    ),
                    (
                        "How do I become a buddy?",
                        "<p>Older students can sign up and take a short training with the counselor before "
                        "they start.</p>",
                    ),
                ],
            ),
            quote(
                "When I changed schools I was scared I would have no friends. My buddy stayed with me until "
                "I felt brave enough on my own.",
                "Year 7 student",
            ),
        ],
    },
}

COUNSELING = {
    "id": {
        "title": "Bimbingan Konseling",
        "slug": "bimbingan-konseling",
        "service": "counseling",
        "summary": "Bicara empat mata atau dalam kelompok kecil dengan konselor profesional untuk menemukan "
        "jalan keluarmu sendiri.",
        "search_description": "Bimbingan Konseling (BK): konseling individu dan kelompok bersama konselor atau "
        "psikolog. Buat janji tanpa akun.",
        "show_exit_button": False,
        "body": [
            definition(
                "Apa itu Bimbingan Konseling?",
                "<p>Layanan profesional dari konselor atau psikolog yang membantu anak dan remaja menghadapi "
                "persoalan emosi, pergaulan, belajar dan perkembangan diri. Konselor tidak memberi jawaban "
                "jadi; ia menemanimu menemukan jalan keluarmu sendiri.</p>",
            ),
            titled_list(
                "Tujuannya",
                [
                    (
                        "Memahami diri",
                        "Mengenali dan memahami persoalan pribadi, emosi atau sosial yang dialami.",
                    ),
                    (
                        "Cara menghadapi tekanan",
                        "Mengembangkan keterampilan untuk menghadapi kesulitan dan stres.",
                    ),
                    ("Tumbuh utuh", "Mendukung perkembangan sosial-emosional dan belajar."),
                    (
                        "Keputusan yang sehat",
                        "Membantu mengambil keputusan yang baik untuk hidup pribadi dan pergaulan.",
                    ),
                ],
            ),
            titled_list(
                "Apa yang dilakukan konselor",
                [
                    (
                        "Mencari akar masalah",
                        "Bersama-sama menemukan sumber persoalan dan jalan keluar yang sesuai.",
                    ),
                    ("Melatih keterampilan sosial", "Belajar berhubungan dengan orang lain secara positif."),
                    ("Ruang aman", "Tempat untuk membicarakan perasaan tanpa takut dihakimi."),
                ],
            ),
            examples(
                "Contoh layanan",
                [
                    (
                        "Konseling individu",
                        "Misalnya untuk remaja yang merasa tertekan atau cemas saat pindah dari SD ke SMP.",
                    ),
                    (
                        "Konseling kelompok",
                        "Kelompok kecil untuk berlatih keterampilan sosial atau menyelesaikan konflik.",
                    ),
                ],
            ),
            faq(
                "Pertanyaan yang sering diajukan",
                [
                    (
                        "Apakah aku harus punya masalah besar untuk datang?",
                        "<p>Tidak. Kamu boleh datang untuk hal apa pun yang mengganggu pikiranmu, besar atau "
                        "kecil.</p>",
                    ),
                    (
                        "Apakah orang tuaku akan diberi tahu?",
                        "<p>Yang kamu ceritakan dijaga kerahasiaannya. Untuk siswa di bawah 18 tahun, orang tua "
                        "atau wali memberi persetujuan saat membuat janji. Konselor hanya melibatkan orang lain "
                        "jika ada yang dalam bahaya, dan akan membicarakannya denganmu lebih dulu.</p>",
                    ),
                    ("Berapa biayanya?", "<p>Gratis untuk siswa dan keluarga.</p>"),
                ],
            ),
        ],
    },
    "en": {
        "title": "Guidance & Counseling",
        "slug": "guidance-counseling",
        "service": "counseling",
        "summary": "Talk one-to-one or in a small group with a professional counselor, and find your own way "
        "forward.",
        "search_description": "Guidance & counseling (BK): individual and group counseling with a counselor or "
        "psychologist. Book without an account.",
        "show_exit_button": False,
        "body": [
            definition(
                "What is guidance & counseling?",
                "<p>A professional service from a counselor or psychologist that helps children and young "
                "people with emotional, social, learning and personal growth. The counselor does not hand "
                "you answers; they help you find your own.</p>",
            ),
            titled_list(
                "What it aims for",
                [
                    (
                        "Understanding yourself",
                        "Recognising and understanding personal, emotional or social difficulties.",
                    ),
                    ("Ways to cope", "Building skills to handle hard times and stress."),
                    ("Growing as a whole", "Supporting social, emotional and learning development."),
                    ("Healthy choices", "Making good decisions about personal life and friendships."),
                ],
            ),
            titled_list(
                "What counselors do",
                [
                    ("Find the root", "Work out together where a problem comes from and what would help."),
                    ("Practise social skills", "Learn to get along with others in positive ways."),
                    ("A safe space", "A place to talk about feelings without fear of judgement."),
                ],
            ),
            examples(
                "Examples",
                [
                    (
                        "Individual counseling",
                        "For example, a teenager who feels stressed or anxious about "
                        "moving from primary to secondary school.",
                    ),
                    ("Group counseling", "A small group to practise social skills or resolve conflicts."),
                ],
            ),
            faq(
                "Frequently asked questions",
                [
                    (
                        "Do I need a big problem to come?",
                        "<p>No. You can come about anything that is on your mind, big or small.</p>",
                    ),
                    (
                        "Will my parents be told?",
                        "<p>What you share is kept confidential. For students under 18 a parent or guardian "
                        "gives consent when booking. The counselor only involves others if someone is in "
                        "danger, and will talk with you about it first.</p>",
                    ),
                    ("How much does it cost?", "<p>It is free for students and families.</p>"),
                ],
            ),
        ],
    },
}

PSYCHOSOCIAL = {
    "id": {
        "title": "Layanan Psikososial",
        "slug": "layanan-psikososial",
        "service": "psychosocial",
        "summary": "Dukungan bagi anak, keluarga dan komunitas untuk pulih setelah pengalaman berat, bersama "
        "tenaga profesional.",
        "search_description": "Layanan psikososial: dukungan pasca-trauma, intervensi krisis dan pemberdayaan "
        "komunitas untuk anak dan keluarga.",
        "show_exit_button": True,
        "body": [
            definition(
                "Apa itu layanan psikososial?",
                "<p>Dukungan yang menggabungkan bantuan psikologis dan sosial untuk orang atau kelompok yang "
                "sedang melewati masa sulit. Cakupannya lebih luas: sering melibatkan keluarga, komunitas "
                "dan kelompok dukungan.</p>",
            ),
            titled_list(
                "Tujuannya",
                [
                    (
                        "Melewati masa sulit",
                        "Membantu orang dan kelompok melalui trauma atau tekanan dari "
                        "situasi sosial dan emosional.",
                    ),
                    (
                        "Mengurangi dampak",
                        "Meringankan dampak psikologis dari pengalaman buruk seperti "
                        "kekerasan, kecelakaan, bencana alam atau kehilangan.",
                    ),
                    (
                        "Pulih bersama",
                        "Meningkatkan kesejahteraan sosial-emosional dengan dukungan yang menyeluruh.",
                    ),
                ],
            ),
            titled_list(
                "Apa yang dilakukan",
                [
                    (
                        "Dukungan pasca-trauma",
                        "Pendampingan setelah bencana alam, kekerasan atau kejadian berat lainnya.",
                    ),
                    (
                        "Intervensi krisis",
                        "Membantu anak dan keluarga menghadapi rasa takut, cemas atau bingung "
                        "saat bencana atau konflik.",
                    ),
                    (
                        "Pemberdayaan komunitas",
                        "Membantu keluarga dan komunitas menyelesaikan masalah sosial dan "
                        "emosional secara mandiri.",
                    ),
                ],
            ),
            examples(
                "Contoh layanan",
                [
                    (
                        "Setelah bencana",
                        "Dukungan emosional, konseling dan membangun kembali hubungan sosial "
                        "bagi anak dan keluarga yang terdampak bencana.",
                    ),
                    (
                        "Kekerasan dalam rumah tangga",
                        "Kelompok dukungan dan konseling keluarga bagi korban KDRT.",
                    ),
                    (
                        "Penyalahgunaan narkoba",
                        "Pendampingan keluarga dan kelompok dukungan bersama layanan rujukan seperti BNN.",
                    ),
                    (
                        "Sesi keluarga",
                        "Pertemuan rutin untuk orang tua dan anak agar bisa saling memahami dan "
                        "pulih bersama.",
                    ),
                ],
            ),
            faq(
                "Pertanyaan yang sering diajukan",
                [
                    (
                        "Siapa yang boleh ikut?",
                        "<p>Siswa, orang tua dan keluarga. Sebagian sesi khusus untuk orang tua; keterangannya "
                        "ada di setiap jadwal.</p>",
                    ),
                    (
                        "Saya tidak aman di rumah. Apa yang harus saya lakukan?",
                        "<p>Jika kamu dalam bahaya sekarang, hubungi 112 atau SAPA 129. Kamu juga bisa "
                        "menemui konselor sekolah di jam sekolah. Tombol “Keluar dari halaman ini” di atas "
                        "membawamu ke situs lain dengan cepat.</p>",
                    ),
                ],
            ),
        ],
    },
    "en": {
        "title": "Psychosocial Services",
        "slug": "psychosocial-services",
        "service": "psychosocial",
        "summary": "Support for children, families and communities to recover after hard experiences, with "
        "trained professionals.",
        "search_description": "Psychosocial services: post-trauma support, crisis intervention and community "
        "empowerment for children and families.",
        "show_exit_button": True,
        "body": [
            definition(
                "What are psychosocial services?",
                "<p>Support that combines psychological and social help for people or groups going through "
                "a hard time. It reaches wider: it often involves the family, the community and support "
                "groups.</p>",
            ),
            titled_list(
                "What it aims for",
                [
                    (
                        "Getting through",
                        "Helping people and groups through trauma or stress from social and "
                        "emotional situations.",
                    ),
                    (
                        "Easing the impact",
                        "Lessening the psychological effects of bad experiences such as "
                        "violence, accidents, natural disasters or loss.",
                    ),
                    (
                        "Recovering together",
                        "Improving social and emotional well-being with whole-person support.",
                    ),
                ],
            ),
            titled_list(
                "What it does",
                [
                    (
                        "Post-trauma support",
                        "Support after a natural disaster, violence or another hard event.",
                    ),
                    (
                        "Crisis support",
                        "Helping children and families handle fear, worry or confusion during "
                        "a disaster or conflict.",
                    ),
                    (
                        "Community empowerment",
                        "Helping families and communities solve social and emotional problems on their own.",
                    ),
                ],
            ),
            examples(
                "Examples",
                [
                    (
                        "After a disaster",
                        "Emotional support, counseling and rebuilding social ties for children "
                        "and families affected by a disaster.",
                    ),
                    (
                        "Domestic violence",
                        "Support groups and family counseling for people affected by "
                        "violence at home (KDRT).",
                    ),
                    ("Drug misuse", "Family support and support groups, with referral services such as BNN."),
                    (
                        "Family sessions",
                        "Regular meetings for parents and children to understand each other "
                        "and recover together.",
                    ),
                ],
            ),
            faq(
                "Frequently asked questions",
                [
                    (
                        "Who can join?",
                        "<p>Students, parents and families. Some sessions are for parents only; each schedule "
                        "says who it is for.</p>",
                    ),
                    (
                        "I am not safe at home. What should I do?",
                        "<p>If you are in danger now, call 112 or SAPA 129. You can also see the school "
                        "counselor during school hours. The “Exit this page” button at the top takes you to "
                        "another site quickly.</p>",
                    ),
                ],
            ),
        ],
    },
}

ABOUT = {
    "id": {
        "title": "Tentang Kami",
        "slug": "tentang-kami",
        "show_in_menus": True,
        "intro": "Rangkul adalah layanan dukungan sekolah dan komunitas untuk anak, remaja dan keluarganya.",
        "body": [
            rich(
                "<p>Kami percaya setiap anak berhak merasa didengar. Karena itu kami menyatukan tiga layanan "
                "dalam satu tempat: dukungan teman sebaya, bimbingan konseling, dan layanan psikososial.</p>"
                "<p>Tim kami terdiri atas konselor sekolah, psikolog, dan siswa pendamping yang sudah dilatih "
                "dan didampingi oleh konselor.</p>"
            ),
            titled_list(
                "Yang kami pegang",
                [
                    (
                        "Rahasia",
                        "Cerita kamu dijaga. Kami hanya melibatkan orang lain jika ada yang dalam bahaya.",
                    ),
                    ("Tanpa menghakimi", "Semua perasaan boleh dibicarakan."),
                    (
                        "Jujur tentang batas kami",
                        "Kami bukan layanan darurat, dan kami akan memberi tahu "
                        "kapan bantuan lain lebih tepat.",
                    ),
                ],
            ),
        ],
    },
    "en": {
        "title": "About Us",
        "slug": "about-us",
        "show_in_menus": True,
        "intro": "Rangkul is a school and community support service for children, young people and their "
        "families.",
        "body": [
            rich(
                "<p>We believe every child deserves to be heard. That is why we bring three services together "
                "in one place: peer support, guidance & counseling, and psychosocial services.</p>"
                "<p>Our team is made up of school counselors, psychologists, and student peer supporters who "
                "are trained and supervised by counselors.</p>"
            ),
            titled_list(
                "What we stand by",
                [
                    (
                        "Confidential",
                        "Your story is kept private. We only involve others if someone is in danger.",
                    ),
                    ("No judgement", "Every feeling can be talked about."),
                    (
                        "Honest about our limits",
                        "We are not an emergency service, and we will tell you when other help fits better.",
                    ),
                ],
            ),
        ],
    },
}

CONTACT = {
    "id": {
        "title": "Kontak",
        "slug": "kontak",
        "show_in_menus": True,
        "intro": "Ada pertanyaan tentang layanan kami? Hubungi kami di jam sekolah.",
        "body": [
            rich(
                '<p>Email: <a href="mailto:halo@rangkul.sch.id">halo@rangkul.sch.id</a><br>'
                "Telepon: (021) 555-0142, Senin–Jumat pukul 07.30–15.00 WIB</p>"
                "<p>Konselor sekolah juga bisa ditemui langsung di ruang BK selama jam sekolah.</p>"
                "<p>Email dan telepon ini tidak dipantau di luar jam sekolah. Jika ada yang dalam bahaya, "
                "hubungi nomor darurat di bagian atas halaman.</p>"
            ),
        ],
    },
    "en": {
        "title": "Contact",
        "slug": "contact",
        "show_in_menus": True,
        "intro": "Questions about our services? Get in touch during school hours.",
        "body": [
            rich(
                '<p>Email: <a href="mailto:halo@rangkul.sch.id">halo@rangkul.sch.id</a><br>'
                "Phone: (021) 555-0142, Monday–Friday 07.30–15.00 WIB</p>"
                "<p>You can also see the school counselor in the counseling room during school hours.</p>"
                "<p>This email and phone are not watched outside school hours. If someone is in danger, "
                "call an emergency number at the top of the page.</p>"
            ),
        ],
    },
}

PRIVACY = {
    "id": {
        "title": "Pemberitahuan Privasi",
        "slug": "kebijakan-privasi",
        "show_in_menus": False,
        "intro": "Bagaimana kami mengumpulkan, memakai dan menjaga data pribadimu, sesuai Undang-Undang "
        "Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi (UU PDP). Versi 2026-11.",
        "body": [
            h2("Siapa kami"),
            rich(
                "<p>Rangkul adalah pengendali data pribadi untuk layanan ini. Hubungi kami di "
                '<a href="mailto:halo@rangkul.sch.id">halo@rangkul.sch.id</a> untuk semua urusan data '
                "pribadi.</p>"
            ),
            h2("Data yang kami kumpulkan"),
            rich(
                "<p>Saat kamu membuat janji atau mendaftar kegiatan, kami meminta hanya yang diperlukan untuk "
                "mengatur pertemuan:</p><ul><li>nama, email, dan nomor telepon jika kamu mau;</li>"
                "<li>kelas dan kelompok usia;</li><li>untuk anak di bawah 18 tahun: nama dan kontak orang "
                "tua atau wali, serta persetujuan mereka;</li><li>topik dari daftar singkat, jika kamu mau "
                "memilihnya;</li><li>cara yang kamu pilih untuk dihubungi.</li></ul>"
                "<p>Kami tidak meminta kamu menuliskan masalahmu di formulir. Itu dibicarakan langsung "
                "dengan konselor.</p>"
            ),
            h2("Data yang bersifat spesifik"),
            rich(
                "<p>Menurut UU PDP, data kesehatan dan data anak adalah data pribadi yang bersifat spesifik. "
                "Fakta bahwa seseorang memakai layanan konseling pun kami perlakukan sebagai data kesehatan. "
                "Data anak hanya kami proses dengan persetujuan orang tua atau wali.</p>"
            ),
            h2("Untuk apa data dipakai"),
            rich(
                "<p>Hanya untuk mengatur dan mengonfirmasi janji, mengirim email konfirmasi dan "
                "pembatalan, serta menghubungi kamu jika jadwal berubah. Kami tidak menjual data, tidak "
                "memakainya untuk iklan, dan tidak mencantumkannya di alamat halaman.</p>"
            ),
            h2("Siapa yang bisa melihat"),
            rich(
                "<p>Hanya konselor dan staf yang mengatur jadwal. Email dan entri kalender memakai judul "
                "netral seperti “Janji temu” agar tidak mengungkap layanan apa yang kamu pakai.</p>"
            ),
            h2("Berapa lama disimpan"),
            rich(
                "<p>Kami menyimpan data pemesanan hanya selama diperlukan untuk layanan dan catatan sekolah "
                "yang wajib. Kamu bisa meminta penghapusan lebih awal.</p>"
            ),
            h2("Hak kamu"),
            rich(
                "<p>Kamu, atau orang tua dan wali untuk anak, berhak meminta salinan data, memperbaiki data "
                "yang salah, menarik persetujuan, dan meminta data dihapus. Kirim permintaan ke email di "
                "atas; kami menjawab dalam batas waktu yang diatur UU PDP.</p>"
            ),
            h2("Batas kerahasiaan"),
            rich(
                "<p>Yang kamu ceritakan kepada konselor dijaga kerahasiaannya. Jika ada risiko serius bagi "
                "keselamatanmu atau orang lain, konselor wajib melibatkan pihak yang bisa membantu, dan "
                "akan membicarakannya denganmu lebih dulu bila memungkinkan.</p>"
            ),
        ],
    },
    "en": {
        "title": "Privacy Notice",
        "slug": "privacy-notice",
        "show_in_menus": False,
        "intro": "How we collect, use and protect your personal data, under Indonesia's Personal Data "
        "Protection Law No. 27 of 2022 (UU PDP). Version 2026-11.",
        "body": [
            h2("Who we are"),
            rich(
                "<p>Rangkul is the data controller for this service. Contact us at "
                '<a href="mailto:halo@rangkul.sch.id">halo@rangkul.sch.id</a> about anything to do with '
                "your personal data.</p>"
            ),
            h2("What we collect"),
            rich(
                "<p>When you book or sign up, we ask only for what we need to arrange the meeting:</p>"
                "<ul><li>name, email, and a phone number if you wish;</li><li>class and age group;</li>"
                "<li>for children under 18: the name and contact of a parent or guardian, and their "
                "consent;</li><li>a topic from a short list, if you want to choose one;</li><li>how you "
                "prefer to be contacted.</li></ul><p>We never ask you to write about your problem in the "
                "form. That is for talking with the counselor.</p>"
            ),
            h2("Sensitive data"),
            rich(
                "<p>Under the UU PDP, health data and children's data are specific (sensitive) personal data. "
                "Even the fact that someone uses counseling is treated as health data. We only process a "
                "child's data with the consent of a parent or guardian.</p>"
            ),
            h2("What we use it for"),
            rich(
                "<p>Only to arrange and confirm bookings, send confirmation and cancellation emails, and "
                "contact you if a schedule changes. We never sell data, use it for advertising, or put it "
                "in page addresses.</p>"
            ),
            h2("Who can see it"),
            rich(
                "<p>Only counselors and the staff who run the schedule. Emails and calendar entries use a "
                "neutral title such as “Appointment” so they do not reveal which service you use.</p>"
            ),
            h2("How long we keep it"),
            rich(
                "<p>We keep booking data only as long as the service and required school records need it. "
                "You can ask us to delete it sooner.</p>"
            ),
            h2("Your rights"),
            rich(
                "<p>You, or a parent or guardian for a child, may ask for a copy of the data, correct it, "
                "withdraw consent, and ask for it to be deleted. Send your request to the email above; we "
                "reply within the time limits the UU PDP sets.</p>"
            ),
            h2("Limits of confidentiality"),
            rich(
                "<p>What you tell a counselor is kept confidential. If there is a serious risk to your "
                "safety or someone else's, the counselor must involve people who can help, and will talk "
                "with you about it first whenever possible.</p>"
            ),
        ],
    },
}

SAFETY = {
    "id": {
        "title": "Aman di Internet",
        "slug": "aman-di-internet",
        "show_in_menus": False,
        "show_exit_button": True,
        "intro": "Jika ada orang yang mungkin memeriksa ponsel atau komputermu, beberapa langkah ini bisa "
        "membantu menjaga kunjunganmu tetap pribadi.",
        "body": [
            h2("Tombol “Keluar dari halaman ini”"),
            rich(
                "<p>Di beberapa halaman ada tombol merah di bagian atas. Tombol itu langsung membuka situs "
                "prakiraan cuaca. Dengan JavaScript, menekan tombol Shift tiga kali melakukan hal yang "
                "sama.</p><p><strong>Penting:</strong> tombol ini tidak menghapus riwayat browser. Halaman "
                "yang sudah kamu buka tetap tercatat di riwayat.</p>"
            ),
            titled_list(
                "Langkah yang bisa kamu lakukan",
                [
                    (
                        "Pakai mode penyamaran",
                        "Jendela incognito atau private tidak menyimpan riwayat setelah ditutup.",
                    ),
                    (
                        "Hapus riwayat",
                        "Hapus hanya halaman situs ini dari riwayat agar tidak terlihat janggal.",
                    ),
                    ("Pakai perangkat yang aman", "Misalnya komputer sekolah atau perpustakaan."),
                    (
                        "Pakai email pribadi",
                        "Email konfirmasi dikirim ke alamat yang kamu tulis; pilih alamat "
                        "yang hanya bisa kamu baca.",
                    ),
                ],
            ),
            rich(
                "<p>Entri kalender dan judul email kami selalu netral (“Janji temu”), tanpa menyebut "
                "konseling.</p>"
            ),
        ],
    },
    "en": {
        "title": "Staying Safe Online",
        "slug": "staying-safe-online",
        "show_in_menus": False,
        "show_exit_button": True,
        "intro": "If someone might check your phone or computer, these steps can help keep your visit "
        "private.",
        "body": [
            h2("The “Exit this page” button"),
            rich(
                "<p>Some pages have a red button at the top. It opens a weather forecast site at once. With "
                "JavaScript, pressing the Shift key three times does the same.</p><p><strong>Important:"
                "</strong> the button does not erase your browser history. Pages you have opened still "
                "show in the history.</p>"
            ),
            titled_list(
                "Steps you can take",
                [
                    ("Use private browsing", "An incognito or private window keeps no history once closed."),
                    (
                        "Clear history",
                        "Delete just this site's pages from your history so nothing looks odd.",
                    ),
                    ("Use a safe device", "For example a school or library computer."),
                    (
                        "Use a private email",
                        "Confirmation emails go to the address you give; choose one only you can read.",
                    ),
                ],
            ),
            rich(
                "<p>Our calendar entries and email subjects are always neutral (“Appointment”) and never "
                "mention counseling.</p>"
            ),
        ],
    },
}

CRISIS = {
    "id": {
        "title": "Bantuan Darurat",
        "slug": "bantuan-darurat",
        "show_in_menus": True,
        "show_exit_button": True,
        "intro": "Rangkul bukan layanan darurat. Jika kamu atau orang lain dalam bahaya sekarang, hubungi salah "
        "satu layanan ini.",
        "body": [
            ("hotlines", None),
            h2("Jika kamu tidak bisa bicara"),
            rich(
                "<p>SAPA 129 juga bisa dihubungi lewat WhatsApp. Kamu juga boleh meminta teman atau orang "
                "dewasa yang kamu percaya untuk menelepon bersamamu.</p>"
            ),
            h2("Setelah keadaan lebih tenang"),
            rich(
                "<p>Konselor sekolah bisa membantu langkah selanjutnya. Kamu bisa membuat janji di halaman "
                "Bimbingan Konseling.</p>"
            ),
        ],
    },
    "en": {
        "title": "Crisis Help",
        "slug": "crisis-help",
        "show_in_menus": True,
        "show_exit_button": True,
        "intro": "Rangkul is not an emergency service. If you or someone else is in danger now, contact one of "
        "these services.",
        "body": [
            ("hotlines", None),
            h2("If you cannot talk"),
            rich(
                "<p>SAPA 129 can also be reached on WhatsApp. You can also ask a friend or an adult you trust "
                "to call with you.</p>"
            ),
            h2("When things are calmer"),
            rich(
                "<p>The school counselor can help with next steps. You can book a time on the Guidance & "
                "Counseling page.</p>"
            ),
        ],
    },
}

SERVICE_PAGES = [PEER, COUNSELING, PSYCHOSOCIAL]
STANDARD_PAGES = {"about": ABOUT, "contact": CONTACT, "privacy": PRIVACY, "safety": SAFETY, "crisis": CRISIS}
