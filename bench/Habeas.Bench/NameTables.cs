namespace Habeas.Bench;

/// <summary>One name word: how it is written in its own script, and the Latin spellings people and the press use
/// for it, the most common first.</summary>
public sealed record Word(string Native, string[] Latin)
{
    /// <summary>"សុខ|Sok" or "យឿន|Yoeun|Yeun|Yoeurn".</summary>
    public static Word Parse(string entry)
    {
        var parts = entry.Split('|');
        return new Word(parts[0], parts[1..]);
    }

    public static Word[] ParseAll(params string[] entries) => [.. entries.Select(Parse)];
}

/// <summary>
/// The name tables the population is drawn from, most common first within each list. Written by hand from the
/// spellings in use (Cambodian press and court lists, Thai RTGS and the spellings Thais choose for passports,
/// pinyin with Wade–Giles and Cantonese forms, the Russian passport and press transliterations, Burmese as
/// Myanmar's own romanizations). Not complete and not authoritative: realistic enough to exercise a name search.
/// </summary>
public static class NameTables
{
    // ── Khmer ─────────────────────────────────────────────────────────────────────────────────────────────────────
    // Family names (first in a Khmer name).
    public static readonly Word[] KhmerFamily = Word.ParseAll(
        "សុខ|Sok", "ជា|Chea|Chia", "ហេង|Heng", "លី|Ly|Lee|Li", "ស៊ិន|Sin|Sinn", "ឈុន|Chhun|Chun", "ហ៊ុន|Hun|Hoon",
        "កឹម|Kem|Kim|Koem", "សម|Sam|Som", "ខៀវ|Khieu|Khiev|Kheav", "ម៉ម|Mam|Mom", "ឡុង|Long", "យឹម|Yim|Yem|Yoem",
        "ញឹក|Nhek|Nhoek|Nheuk", "ស៊ុន|Sun|Soun", "ថុន|Thun|Thon|Thoun", "រ៉ុង|Rong", "យិន|Yin|Yen", "នួន|Nuon|Noun|Nuan",
        "ចាន់|Chan|Chann", "ពេជ្រ|Pich|Pech|Petch", "ម៉ៅ|Mao|Mau", "ហ៊ាង|Hang|Heang", "ទេព|Tep|Teb", "ប៊ុន|Bun|Boun",
        "សេង|Seng", "ឃុន|Khun|Khoun", "អ៊ុំ|Um|Oum", "ស្វាយ|Svay|Svai", "មាស|Meas|Mas", "ឌី|Dy|Di", "ទូច|Touch|Tuch|Toch",
        "អ៊ុក|Ouk|Uk", "ណៃ|Nay|Nai", "យី|Yi|Yee", "ភួង|Phuong|Phoung", "ឯក|Ek|Aek", "កែវ|Keo|Kaev|Keov", "ហុង|Hong",
        "ធី|Thy|Thi", "ផល|Phal|Phol", "ម៉ែន|Men|Maen", "ជួន|Chuon|Choun", "អ៊ឹម|Im|Oem|Eum", "ឈឹម|Chhim|Chhoem|Chim",
        "ម៉ាន់|Man|Mann", "តាំង|Tang|Taing", "ញ៉ែម|Nhem|Nhaem", "គង់|Kong|Kung", "ប្រាក់|Prak|Brak", "វ៉ាន់|Van|Vann",
        "ស៊ាន|Sean|Sien", "លឹម|Lim|Loem", "កុយ|Koy|Kuy", "ហ៊ួរ|Hour|Huor", "ពៅ|Pov|Pau", "ប៉ែន|Pen|Paen", "ទិត|Tith|Tit",
        "រស់|Ros|Ruos", "នៅ|Nov|Nou", "ម៉ក់|Mak|Mok", "ហ៊ែម|Hem|Haem", "ជិន|Chin|Chen", "អ៊ាង|Ang|Eang", "មាន|Mean|Meanh",
        "ស៊ឹម|Sim|Soem", "ហួត|Huot|Hout", "ចេង|Cheng", "សួន|Suon|Soun|Suan", "ខាត់|Khat|Kat");

    // Given names in use as whole words.
    public static readonly Word[] KhmerGiven = Word.ParseAll(
        "សុខា|Sokha|Sokhar", "យឿន|Yoeun|Yeun|Yoeurn", "សុភា|Sophea|Sophear", "ស្រីមុំ|Sreymom|Sreimom", "វណ្ណា|Vanna|Vana",
        "ដារ៉ា|Dara|Darah", "សារ៉ាយ|Saray|Sarai", "មុន្នី|Mony|Monny|Muny", "ចន្ថា|Chantha|Chanthar", "សុវណ្ណ|Sovann|Sovan",
        "វិចិត្រ|Vichet|Vichit", "ពិសី|Pisey|Pisei", "ពិសិដ្ឋ|Piseth|Pisith", "រដ្ឋា|Ratha|Rattha", "សុផល|Sophal|Sophol",
        "បុប្ផា|Bopha|Bupha", "ធារី|Theary|Thary", "រស្មី|Raksmey|Reaksmey|Rasmey", "សុគន្ធី|Sokunthy|Sokunthi|Sokonthy",
        "វាសនា|Veasna|Vesna", "ចិន្តា|Chenda|Chinda", "ណារី|Neary|Nary", "សម្បត្តិ|Sambath|Sombath", "វុទ្ធី|Vuthy|Vuthi|Voeuthy",
        "សុភាព|Sopheap|Sopheab", "ពៅ|Pov|Pau", "ស៊ីថា|Sitha|Seetha", "ឧត្តម|Oudom|Udom", "វិបុល|Vibol|Vipol",
        "រតនា|Rathana|Ratana|Rattana", "សុធារី|Sotheary|Sothary", "សុខុម|Sokhom|Sokhum", "ម៉ានិត|Manith|Manit",
        "វិសាល|Visal|Visall", "ធីតា|Thida|Theeda", "ចំរើន|Chamroeun|Chamreun|Chamroeurn", "សំណាង|Samnang|Somnang",
        "គន្ធា|Kunthea|Kanthea", "បញ្ញា|Panha|Pagna|Banha", "ភក្តី|Pheakdey|Pheakdei|Phakdey", "មករា|Makara|Meakara",
        "សុភ័ក្ត|Sopheak|Sopheakt", "រិទ្ធី|Rithy|Rithi", "ស៊ីណា|Sina|Sinna", "សុជាតិ|Socheat|Sochiet", "ស្រីពៅ|Sreypov|Sreipov",
        "វីរៈ|Vireak|Virak", "លក្ខិណា|Leakhena|Lakhena", "សុខហេង|Sokheng|Sokhheng", "កុសល|Kosal|Kosol", "សារ៉ុន|Saron|Sarun",
        "សាវឿន|Savoeun|Saveun|Savoeurn", "មេសា|Mesa|Mesar", "នីតា|Nita|Neta", "ស្រីល័ក្ខ|Sreyleak|Sreileak",
        "សុវណ្ណារ៉ា|Sovannara|Sovanara", "ខេមរា|Khemara|Khemarak", "បូរ៉ា|Bora|Borah", "វណ្ណៈ|Vannak|Vanak",
        "ចន្ទី|Chanthy|Chanty", "ធឿន|Thoeun|Theun|Thoeurn", "ណាវី|Navy|Navi", "រ៉ាវី|Ravy|Ravi", "សុធា|Sothea|Sotha",
        "លីដា|Lida|Lyda", "ផល្លា|Phalla|Phala", "សុខុន|Sokhon|Sokhun", "ជាតិ|Cheat|Chiet", "ឈាន|Chhean|Chhien",
        "សំអាត|Samath|Somath", "វិច្ឆិកា|Vichika|Vichhika", "ប៊ុនថន|Bunthan|Bunthon", "ម៉ារ៉ា|Mara|Marah");

    // Syllables that begin a given name, and syllables that end one: a given name is also one of each, written as
    // one word in both scripts (សុ + ខា = សុខា, So + kha = Sokha).
    public static readonly Word[] KhmerGivenStart = Word.ParseAll(
        "សុ|So|Sou", "ចាន់|Chan|Chann", "វណ្ណ|Vann|Van", "ស្រី|Srey|Srei", "ពិ|Pi|Pe", "វិ|Vi|Ve", "សំ|Sam|Som",
        "ធា|Thea|Tha", "ដា|Da|Dar", "រ៉ា|Ra|Rah", "ម៉ា|Ma|Mar", "បុ|Bo|Bu", "ពុ|Pu|Pou", "លី|Ly|Li", "សី|Sei|Si",
        "ណា|Na|Nar", "ភា|Phea|Pha", "សា|Sa|Sar", "សុខ|Sok|Sokh", "មុនី|Muni|Mony", "វុទ្ធ|Vuth|Vut", "ពេជ្រ|Pich|Pech");

    public static readonly Word[] KhmerGivenEnd = Word.ParseAll(
        "ខា|kha|khar", "ភា|phea|pha", "ផល|phal|phol", "ធី|thy|thi", "រ៉ា|ra|rah", "ណា|na|nna", "វី|vy|vi", "ដា|da|dar",
        "នី|ny|ni|nee", "រិទ្ធ|rith|rit", "មុំ|mom|mum", "លីន|lin|leen", "វណ្ណ|vann|van", "ចិន្ដា|chenda|chinda",
        "ណារី|neary|nary", "ថា|tha|thar", "ហេង|heng", "ពៅ|pov|pou", "នាង|neang|nang", "សុខ|sok", "ទេព|tep|teb",
        "រតនា|ratana|rathana", "សាន|san|sann", "ម៉ាលី|maly|mali", "កុសល|kosal|kosol", "ធារី|theary|thary", "ហួរ|hour|huor",
        "ឡាយ|lay|lai", "រី|ry|ri", "សា|sa|sar", "រ័ត្ន|roth|rath", "ម៉េង|meng", "ឡុង|long", "គា|kea|kia", "យ៉ា|ya|yea");

    // ── Thai ──────────────────────────────────────────────────────────────────────────────────────────────────────
    // Given names (first in a Thai name).
    public static readonly Word[] ThaiGiven = Word.ParseAll(
        "สมยศ|Somyot|Somyos|Somyoth", "อานนท์|Anon|Arnon|Anond", "สมชาย|Somchai|Somchay", "ประยุทธ์|Prayut|Prayuth|Prayoot",
        "ทักษิณ|Thaksin|Taksin", "พริษฐ์|Parit|Phrit|Prit", "ปนัสยา|Panusaya|Panasaya|Panussaya", "จตุภัทร์|Jatupat|Chatupat|Jatuphat",
        "สมศักดิ์|Somsak|Somsack", "สุรชัย|Surachai|Surachay", "ชัยวัฒน์|Chaiwat|Chaiwath|Chaiyawat",
        "ณัฐพล|Nattapon|Nattaphon|Natthaphon", "ธนาธร|Thanathorn|Thanatorn|Tanathorn", "ปิยบุตร|Piyabutr|Piyabut",
        "อภิสิทธิ์|Abhisit|Aphisit|Apisit", "ยิ่งลักษณ์|Yingluck|Yinglak|Yingluk", "วันเฉลิม|Wanchalearm|Wanchaloem|Wanchalerm",
        "กิตติพงษ์|Kittipong|Kittiphong|Kitipong", "สุชาติ|Suchat|Suchart", "วิชัย|Wichai|Vichai|Wichay",
        "ประเสริฐ|Prasert|Prasoet", "บุญมี|Boonmee|Bunmi|Bunmee", "สมพงษ์|Sompong|Somphong", "ชาตรี|Chatri|Chatree",
        "อนุชา|Anucha|Anuchar", "ธนพล|Thanaphon|Thanapon|Tanaphon", "ศิริพร|Siriporn|Siriphon|Siripon",
        "สุภาพร|Supaporn|Suphaphon|Supaphon", "วิไลวรรณ|Wilaiwan|Vilaivan|Wilaiwun", "มาลี|Malee|Mali",
        "นงลักษณ์|Nongluck|Nonglak|Nongluk", "กาญจนา|Kanchana|Karnchana|Kanjana", "จิราพร|Jiraporn|Chiraphon|Jiraphon",
        "พรทิพย์|Porntip|Phonthip|Pornthip", "รัตนา|Rattana|Ratana", "สมหญิง|Somying|Somyhing", "อรุณี|Arunee|Aruni",
        "ปราณี|Pranee|Prani", "วรรณา|Wanna|Vanna", "เพ็ญศรี|Pensri|Phensi", "ทองดี|Thongdee|Thongdi|Tongdee",
        "บุญส่ง|Boonsong|Bunsong", "ไพโรจน์|Pairoj|Phairot|Pairote", "เกียรติศักดิ์|Kiattisak|Kiatisak|Kiattisuk",
        "ชนินทร์|Chanin|Chanint", "นพดล|Noppadon|Nopphadon|Noppadol", "ภาณุพงศ์|Panupong|Phanuphong|Panuphong",
        "ธีรวัฒน์|Teerawat|Thirawat|Theerawat", "วีระ|Weera|Wira|Veera", "สุทธิพงษ์|Sutthipong|Suthipong|Sutthiphong",
        "ยุทธนา|Yuttana|Yutthana|Yuthana", "ปรีชา|Preecha|Pricha", "สุเทพ|Suthep|Sutep", "จักรพันธ์|Jakkapan|Chakkraphan|Jakrapan",
        "อรรถพล|Attapon|Atthaphon|Attaphon", "ศุภชัย|Supachai|Suphachai|Supachay", "ภัทรา|Pattra|Phatthra|Phattra",
        "ชลธิชา|Chonticha|Chonthicha|Cholticha", "ลลิตา|Lalita|Lalitha", "เบญจา|Benja|Bencha", "ชูวิทย์|Chuvit|Chuwit",
        "อัญชลี|Anchalee|Anchali|Unchalee", "วรวุฒิ|Worawut|Vorawut|Worawuth", "ณัฐวุฒิ|Nattawut|Natthawut|Nattawuth",
        "สมบัติ|Sombat|Sombut", "บุญชัย|Boonchai|Bunchai", "สุนทร|Sunthorn|Soonthorn|Sunthon", "วัฒนา|Wattana|Watthana|Vattana");

    // Family names whole, and the parts longer family names are made of (Thai family names are many and long: by
    // law each family's is its own). A made family name is one start and one or two ends: ศรี + สุข = ศรีสุข, Srisuk.
    public static readonly Word[] ThaiFamily = Word.ParseAll(
        "พฤกษาเกษมสุข|Prueksakasemsuk|Pruksakasemsuk|Phruetsakasemsuk", "นำภา|Nampa|Nampha", "ชิวารักษ์|Chiwarak|Chivarak|Chiwaruk",
        "สิทธิจิรวัฒนกุล|Sitthijirawattanakul|Sithijirawattanakul|Sitthichirawatthanakun", "บุญภัทรรักษา|Boonpattararaksa|Bunphatthararaksa",
        "นีละไพจิตร|Neelapaijit|Nilaphaichit|Neelaphaijit", "ชินวัตร|Shinawatra|Chinnawat|Chinawat", "จันทร์โอชา|Chan-o-cha|Chanocha|Chan-ocha",
        "เวชชาชีวะ|Vejjajiva|Wetchachiwa", "จึงรุ่งเรืองกิจ|Juangroongruangkit|Chuengrungrueangkit", "ศรีสุข|Srisuk|Sisuk|Srisook",
        "แสงทอง|Saengthong|Sangthong|Saengtong", "ทองคำ|Thongkham|Tongkam|Thongkam", "บุญมา|Boonma|Bunma",
        "สุขสวัสดิ์|Suksawat|Suksawad|Sooksawat", "วงศ์สวัสดิ์|Wongsawat|Vongsawat|Wongsawad", "รัตนวงศ์|Rattanawong|Ratanawong|Rattanavong",
        "ศรีวงศ์|Sriwong|Siwong|Srivong", "มีสุข|Meesuk|Misuk|Meesook", "แก้วมณี|Kaewmanee|Kaeomani|Kaewmani",
        "เจริญสุข|Charoensuk|Jaroensuk|Charoensook", "ทองมา|Thongma|Tongma", "ใจดี|Jaidee|Chaidi|Jaidi", "สมบูรณ์|Somboon|Sombun",
        "พงษ์พานิช|Pongpanich|Phongphanit|Pongpanit", "อินทร์แก้ว|Inkaew|Inkaeo", "กิตติศักดิ์|Kittisak|Kittisuk",
        "ศรีสมบัติ|Srisombat|Sisombat", "ประเสริฐสุข|Prasertsuk|Prasoetsuk", "วงศ์ใหญ่|Wongyai|Wongyay", "สุวรรณ|Suwan|Suvan|Suwarn",
        "ปัญญา|Panya|Punya", "ชัยชนะ|Chaichana|Chaiyachana", "บุญเรือง|Boonruang|Bunrueang|Boonrueang",
        "จันทร์เพ็ญ|Chanpen|Janpen|Chanphen", "ทองสุข|Thongsuk|Tongsuk|Thongsook", "เพชรรัตน์|Petcharat|Phetcharat|Petcharut",
        "อ่อนศรี|Onsri|Onsi", "ยิ้มแย้ม|Yimyaem|Yimyam", "แสงอรุณ|Saengarun|Sangarun", "ดวงจันทร์|Duangchan|Duangjan",
        "คงสวัสดิ์|Kongsawat|Khongsawat", "เรืองศรี|Ruangsri|Rueangsi", "วิเศษสุวรรณ|Wisetsuwan|Visetsuvan", "พรหมมา|Promma|Phromma",
        "บุญยืน|Boonyuen|Bunyuen", "มณีวงศ์|Maneewong|Maniwong", "นาคคง|Nakkong|Nakhong", "ไชยวงศ์|Chaiwong|Chaiyawong",
        "กาญจนวงศ์|Kanchanawong|Karnchanawong|Kanjanawong", "ธนากร|Thanakorn|Tanakorn|Thanakon", "สายทอง|Saithong|Saitong",
        "อุดมสุข|Udomsuk|Udomsook", "เลิศวิไล|Lertwilai|Loetwilai", "แซ่ลิ้ม|Saelim|Sae-lim", "แซ่ตั้ง|Saetang|Sae-tang",
        "แซ่เฮ้ง|Saeheng|Sae-heng", "ศิริวัฒน์|Siriwat|Siriwath", "ภู่ระหงษ์|Phurahong|Poorahong", "ทรัพย์มาก|Sapmak|Submak");

    public static readonly Word[] ThaiFamilyStart = Word.ParseAll(
        "ศรี|Sri|Si", "สุข|Suk|Sook", "ทอง|Thong|Tong", "แก้ว|Kaew|Kaeo", "เจริญ|Charoen|Jaroen|Charern", "บุญ|Boon|Bun",
        "ชัย|Chai|Chay", "มณี|Manee|Mani", "จันทร์|Chan|Jan", "เพชร|Phet|Pet|Petch", "พงษ์|Pong|Phong", "นาค|Nak|Naak",
        "ใจ|Jai|Chai", "เรือง|Ruang|Rueang", "สาย|Sai|Say", "คำ|Kham|Kam", "เงิน|Ngoen|Ngern", "ดวง|Duang|Doung",
        "แสง|Saeng|Sang", "อรุณ|Arun|Aroon", "วิไล|Wilai|Vilai", "อุดม|Udom|Oudom", "เลิศ|Lert|Loet", "สมาน|Saman|Samarn",
        "ไทย|Thai|Tai", "รุ่ง|Rung|Roong", "ทิพ|Thip|Tip", "ศักดิ์|Sak|Sakdi", "วงศ์|Wong|Vong", "พร|Phon|Porn");

    public static readonly Word[] ThaiFamilyEnd = Word.ParseAll(
        "วงศ์|wong|vong", "สุข|suk|sook", "ทอง|thong|tong", "แก้ว|kaew|kaeo", "ชัย|chai|chay", "สวัสดิ์|sawat|sawad|sawasdi",
        "มณี|manee|mani", "จันทร์|chan|jan", "ศักดิ์|sak|sakdi", "พงษ์|pong|phong", "สมบูรณ์|somboon|sombun",
        "ประเสริฐ|prasert|prasoet", "ดี|dee|di", "มา|ma|mah", "เรือง|ruang|rueang", "ยืน|yuen|yeun", "คำ|kham|kam",
        "กุล|kul|kun|kool", "พันธ์|phan|pan", "ภักดี|phakdee|pakdee|phakdi", "พานิช|panich|phanit", "นิยม|niyom|niyome",
        "สกุล|sakul|sakun", "ศรี|sri|si", "ทิพย์|thip|tip", "ไทย|thai|tai", "ทรัพย์|sap|sub", "เจริญ|charoen|jaroen");

    // ── Burmese ───────────────────────────────────────────────────────────────────────────────────────────────────
    // Syllables; a Burmese name is two to four of them, with no family name, written without spaces in Burmese and
    // one word a syllable in Latin (အောင်ဆန်းစုကြည်, Aung San Suu Kyi). U, Daw, Ko and Ma also serve as honorifics; Ko
    // and Ma appear here inside names, as they do (Min Ko Naing).
    public static readonly Word[] BurmeseSyllables = Word.ParseAll(
        "အောင်|Aung", "ဆန်း|San|Hsan", "စု|Suu|Su", "ကြည်|Kyi|Kyee", "မင်း|Min", "ကို|Ko|Koh", "နိုင်|Naing|Nai",
        "ဝင်း|Win|Winn", "မောင်|Maung|Mg", "ထွန်း|Tun|Htun|Htoon", "သိန်း|Thein|Thane", "စိုး|Soe|So", "မြင့်|Myint",
        "ကျော်|Kyaw|Kyao", "ဇော်|Zaw|Zo", "လှ|Hla", "မြ|Mya", "နီ|Ni|Nee", "ခင်|Khin", "သန်း|Than|Thann", "ဌေး|Htay|Htei",
        "ညွန့်|Nyunt|Nyunn", "ဝေ|Wai|Way|We", "ရွှေ|Shwe|Shway", "ဖြိုး|Phyo|Pyo", "ပိုင်|Paing", "ဟိန်း|Hein|Hain",
        "သူ|Thu|Thuu", "ရဲ|Ye|Yay", "နေ|Nay|Ne", "လင်း|Lin|Linn", "ထက်|Htet|Het", "ဇင်|Zin|Zinn", "မိုး|Moe|Mo",
        "ချို|Cho|Chou", "သီ|Thi|Thee", "တင်|Tin|Tinn", "ဆွေ|Swe|Hswe|Sway", "အေး|Aye|Aei", "မာ|Mar|Ma", "ငြိမ်း|Nyein|Nyane",
        "ပြည့်|Pyae|Pyi", "ဖြူ|Phyu|Pyu", "ကောင်း|Kaung|Kaun", "လွင်|Lwin", "ညို|Nyo|Nyoe", "ထား|Htar|Hta", "ဘ|Ba|Bha",
        "ခိုင်|Khaing|Khine", "သက်|Thet|Thett", "မြတ်|Myat|Myatt", "ရီ|Yi|Yee", "ဇေ|Zay|Ze", "နန္ဒာ|Nandar|Nanda",
        "စန္ဒာ|Sandar|Sanda", "ဟန်|Han|Hann", "ကျင်|Kyin|Chin");

    // ── Chinese ───────────────────────────────────────────────────────────────────────────────────────────────────
    // Family names: characters, pinyin, then Wade–Giles and Cantonese or Hokkien forms in use abroad.
    public static readonly Word[] ChineseFamily = Word.ParseAll(
        "王|Wang|Wong", "李|Li|Lee", "张|Zhang|Chang|Cheung", "刘|Liu|Lau", "陈|Chen|Chan|Tan", "杨|Yang|Yeung",
        "黄|Huang|Wong|Hwang", "赵|Zhao|Chao|Chiu", "吴|Wu|Ng|Woo", "周|Zhou|Chou|Chow", "徐|Xu|Hsu|Tsui", "孙|Sun|Suen",
        "马|Ma|Mah", "朱|Zhu|Chu", "胡|Hu|Woo", "郭|Guo|Kuo|Kwok", "何|He|Ho", "林|Lin|Lam|Lim", "高|Gao|Kao|Ko",
        "罗|Luo|Lo|Law", "郑|Zheng|Cheng", "梁|Liang|Leung", "谢|Xie|Hsieh|Tse", "宋|Song|Sung", "唐|Tang",
        "许|Xu|Hsu|Hui", "邓|Deng|Teng|Tang", "冯|Feng|Fung", "韩|Han|Hon", "曹|Cao|Tsao|Cho", "曾|Zeng|Tseng|Tsang",
        "彭|Peng|Pang", "萧|Xiao|Hsiao|Siu", "蔡|Cai|Tsai|Choi", "潘|Pan|Poon", "田|Tian|Tien", "董|Dong|Tung",
        "袁|Yuan|Yuen", "叶|Ye|Yeh|Yip", "蒋|Jiang|Chiang", "杜|Du|Tu|To", "苏|Su|So", "魏|Wei|Ngai", "程|Cheng",
        "吕|Lyu|Lu|Lui", "丁|Ding|Ting", "沈|Shen|Shum", "任|Ren|Jen|Yam", "姚|Yao|Yiu", "卢|Lu|Lo", "傅|Fu|Foo",
        "钟|Zhong|Chung", "崔|Cui|Tsui", "谭|Tan|Tam", "陆|Lu|Luk", "范|Fan", "廖|Liao|Liu", "石|Shi|Shih|Shek",
        "金|Jin|Chin|Kam", "贾|Jia|Chia", "夏|Xia|Hsia|Ha", "方|Fang|Fong", "邹|Zou|Tsou|Chau", "熊|Xiong|Hsiung|Hung",
        "白|Bai|Pai|Pak", "孟|Meng", "秦|Qin|Chin", "邱|Qiu|Chiu|Yau", "侯|Hou|Hau", "江|Jiang|Chiang|Kong",
        "薛|Xue|Hsueh|Sit", "段|Duan|Tuan|Tuen", "雷|Lei|Lui", "龙|Long|Lung", "黎|Li|Lai", "陶|Tao", "毛|Mao|Mo",
        "顾|Gu|Ku|Koo", "龚|Gong|Kung", "邵|Shao|Siu", "钱|Qian|Chien|Chin", "戴|Dai|Tai", "严|Yan|Yen|Yim",
        "欧阳|Ouyang|Auyeung|Au-yeung", "单|Shan|Sin");

    // Given-name characters: pinyin, then Wade–Giles where it differs (a given name is one or two of them, written
    // as one word in pinyin, Xiaobo, and hyphenated in Wade–Giles, Hsiao-po).
    public static readonly Word[] ChineseGiven = Word.ParseAll(
        "晓|xiao|hsiao", "波|bo|po", "明|ming", "华|hua", "伟|wei", "建|jian|chien", "国|guo|kuo", "志|zhi|chih", "文|wen",
        "军|jun|chun", "平|ping", "东|dong|tung", "海|hai", "红|hong|hung", "丽|li", "芳|fang", "敏|min", "静|jing|ching",
        "强|qiang|chiang", "勇|yong|yung", "杰|jie|chieh", "涛|tao", "斌|bin|pin", "辉|hui", "玲|ling", "燕|yan|yen",
        "霞|xia|hsia", "鹏|peng", "飞|fei", "磊|lei", "超|chao", "宇|yu", "浩|hao", "婷|ting", "雪|xue|hsueh", "梅|mei",
        "秀|xiu|hsiu", "英|ying", "兰|lan", "峰|feng", "林|lin", "成|cheng", "德|de|te", "仁|ren|jen", "义|yi|i",
        "忠|zhong|chung", "昌|chang", "生|sheng", "春|chun", "光|guang|kuang", "新|xin|hsin", "永|yong|yung",
        "庆|qing|ching", "云|yun", "青|qing|ching", "安|an", "福|fu", "友|you|yu", "宏|hong|hung", "清|qing|ching",
        "嘉|jia|chia", "思|si|ssu", "晨|chen", "子|zi|tzu", "博|bo|po", "天|tian|tien", "振|zhen|chen", "家|jia|chia",
        "世|shi|shih", "泽|ze|tse", "中|zhong|chung", "俊|jun|chun", "凯|kai", "萍|ping", "慧|hui", "娟|juan|chuan",
        "琳|lin", "刚|gang|kang", "亮|liang", "鑫|xin|hsin");

    // ── Russian ───────────────────────────────────────────────────────────────────────────────────────────────────
    public static readonly Word[] RussianGivenMale = Word.ParseAll(
        "Алексей|Alexei|Aleksei|Aleksej|Alexey", "Владимир|Vladimir", "Дмитрий|Dmitry|Dmitri|Dmitrii", "Сергей|Sergei|Sergey|Sergej",
        "Михаил|Mikhail|Michail", "Андрей|Andrei|Andrey|Andrej", "Николай|Nikolai|Nikolay", "Иван|Ivan", "Евгений|Evgeny|Yevgeny|Evgenii",
        "Юрий|Yuri|Yury|Jurij", "Олег|Oleg", "Игорь|Igor", "Павел|Pavel", "Александр|Alexander|Aleksandr|Alexandr",
        "Илья|Ilya|Ilia|Ilja", "Максим|Maxim|Maksim", "Григорий|Grigory|Grigori", "Кирилл|Kirill|Kiril", "Борис|Boris",
        "Виктор|Viktor|Victor", "Леонид|Leonid", "Вячеслав|Vyacheslav|Viacheslav", "Анатолий|Anatoly|Anatoli|Anatolii");

    public static readonly Word[] RussianGivenFemale = Word.ParseAll(
        "Мария|Maria|Mariya", "Анна|Anna", "Елена|Elena|Yelena|Jelena", "Ольга|Olga", "Наталья|Natalya|Natalia|Natalja",
        "Татьяна|Tatyana|Tatiana|Tatjana", "Юлия|Yulia|Yuliya|Julia", "Екатерина|Ekaterina|Yekaterina", "Светлана|Svetlana",
        "Ирина|Irina", "Ксения|Ksenia|Kseniya", "Людмила|Lyudmila|Ludmila|Liudmila", "Александра|Alexandra|Aleksandra",
        "Дарья|Darya|Daria|Darja", "Алла|Alla", "Вера|Vera", "Надежда|Nadezhda|Nadejda", "Зоя|Zoya|Zoia");

    public static readonly Word[] RussianPatronymicMale = Word.ParseAll(
        "Анатольевич|Anatolyevich|Anatolievich", "Владимирович|Vladimirovich", "Сергеевич|Sergeyevich|Sergeevich",
        "Александрович|Aleksandrovich|Alexandrovich", "Николаевич|Nikolayevich|Nikolaevich", "Иванович|Ivanovich",
        "Михайлович|Mikhailovich|Mikhaylovich", "Юрьевич|Yuryevich|Yurievich", "Петрович|Petrovich", "Викторович|Viktorovich|Victorovich",
        "Алексеевич|Alekseyevich|Alekseevich", "Борисович|Borisovich", "Олегович|Olegovich", "Игоревич|Igorevich");

    public static readonly Word[] RussianPatronymicFemale = Word.ParseAll(
        "Анатольевна|Anatolyevna|Anatolievna", "Владимировна|Vladimirovna", "Сергеевна|Sergeyevna|Sergeevna",
        "Александровна|Aleksandrovna|Alexandrovna", "Николаевна|Nikolayevna|Nikolaevna", "Ивановна|Ivanovna",
        "Михайловна|Mikhailovna|Mikhaylovna", "Юрьевна|Yuryevna|Yurievna", "Петровна|Petrovna", "Викторовна|Viktorovna|Victorovna",
        "Алексеевна|Alekseyevna|Alekseevna", "Борисовна|Borisovna", "Олеговна|Olegovna", "Игоревна|Igorevna");

    // Family names, masculine and feminine forms.
    public static readonly (Word Male, Word Female)[] RussianFamily = Pairs(
        "Навальный|Navalny|Navalnyy|Navalnyi", "Навальная|Navalnaya|Navalnaia",
        "Кара-Мурза|Kara-Murza|Kara-Mourza", "Кара-Мурза|Kara-Murza|Kara-Mourza",
        "Иванов|Ivanov", "Иванова|Ivanova", "Петров|Petrov", "Петрова|Petrova", "Смирнов|Smirnov", "Смирнова|Smirnova",
        "Кузнецов|Kuznetsov|Kuznetzov", "Кузнецова|Kuznetsova|Kuznetzova", "Попов|Popov", "Попова|Popova",
        "Соколов|Sokolov", "Соколова|Sokolova", "Лебедев|Lebedev", "Лебедева|Lebedeva", "Козлов|Kozlov", "Козлова|Kozlova",
        "Новиков|Novikov", "Новикова|Novikova", "Морозов|Morozov", "Морозова|Morozova", "Волков|Volkov", "Волкова|Volkova",
        "Соловьёв|Solovyov|Soloviev|Solovyev", "Соловьёва|Solovyova|Solovieva|Solovyeva",
        "Васильев|Vasilyev|Vasiliev|Vasilev", "Васильева|Vasilyeva|Vasilieva|Vasileva", "Зайцев|Zaitsev|Zaytsev", "Зайцева|Zaitseva|Zaytseva",
        "Павлов|Pavlov", "Павлова|Pavlova", "Семёнов|Semyonov|Semenov", "Семёнова|Semyonova|Semenova",
        "Богданов|Bogdanov", "Богданова|Bogdanova", "Воробьёв|Vorobyov|Vorobiev", "Воробьёва|Vorobyova|Vorobieva",
        "Фёдоров|Fyodorov|Fedorov", "Фёдорова|Fyodorova|Fedorova", "Михайлов|Mikhailov|Mikhaylov", "Михайлова|Mikhailova|Mikhaylova",
        "Беляев|Belyaev|Beliaev", "Беляева|Belyaeva|Beliaeva", "Тарасов|Tarasov", "Тарасова|Tarasova", "Орлов|Orlov", "Орлова|Orlova",
        "Киселёв|Kiselyov|Kiselev", "Киселёва|Kiselyova|Kiseleva", "Андреев|Andreev|Andreyev", "Андреева|Andreeva|Andreyeva",
        "Ковалёв|Kovalyov|Kovalev", "Ковалёва|Kovalyova|Kovaleva", "Ильин|Ilyin|Ilin", "Ильина|Ilyina|Ilina",
        "Кудрявцев|Kudryavtsev|Kudriavtsev", "Кудрявцева|Kudryavtseva|Kudriavtseva", "Алексеев|Alekseev|Alexeev|Alekseyev",
        "Алексеева|Alekseeva|Alexeeva|Alekseyeva", "Яковлев|Yakovlev|Jakovlev", "Яковлева|Yakovleva|Jakovleva",
        "Сорокин|Sorokin", "Сорокина|Sorokina", "Захаров|Zakharov|Zaharov", "Захарова|Zakharova|Zaharova",
        "Королёв|Korolyov|Korolev", "Королёва|Korolyova|Koroleva", "Григорьев|Grigoryev|Grigoriev", "Григорьева|Grigoryeva|Grigorieva",
        "Медведев|Medvedev", "Медведева|Medvedeva", "Ершов|Yershov|Ershov", "Ершова|Yershova|Ershova",
        "Поляков|Polyakov|Poliakov", "Полякова|Polyakova|Poliakova", "Цветков|Tsvetkov|Zvetkov", "Цветкова|Tsvetkova|Zvetkova",
        "Жуков|Zhukov|Joukov", "Жукова|Zhukova|Joukova", "Журавлёв|Zhuravlyov|Zhuravlev", "Журавлёва|Zhuravlyova|Zhuravleva",
        "Николаев|Nikolaev|Nikolayev", "Николаева|Nikolaeva|Nikolayeva", "Максимов|Maksimov|Maximov", "Максимова|Maksimova|Maximova",
        "Егоров|Yegorov|Egorov", "Егорова|Yegorova|Egorova", "Щербаков|Shcherbakov|Scherbakov", "Щербакова|Shcherbakova|Scherbakova",
        "Афанасьев|Afanasyev|Afanasiev", "Афанасьева|Afanasyeva|Afanasieva", "Тихонов|Tikhonov|Tichonov", "Тихонова|Tikhonova|Tichonova",
        "Горбунов|Gorbunov", "Горбунова|Gorbunova", "Третьяков|Tretyakov|Tretiakov", "Третьякова|Tretyakova|Tretiakova",
        "Емельянов|Yemelyanov|Emelyanov", "Емельянова|Yemelyanova|Emelyanova", "Ефремов|Yefremov|Efremov", "Ефремова|Yefremova|Efremova",
        "Прохоров|Prokhorov|Prohorov", "Прохорова|Prokhorova|Prohorova", "Пономарёв|Ponomaryov|Ponomarev", "Пономарёва|Ponomaryova|Ponomareva",
        "Гурьев|Guryev|Guriev", "Гурьева|Guryeva|Gurieva", "Шаламов|Shalamov", "Шаламова|Shalamova", "Удальцов|Udaltsov", "Удальцова|Udaltsova",
        "Пивоваров|Pivovarov", "Пивоварова|Pivovarova", "Яшин|Yashin|Jashin", "Яшина|Yashina|Jashina",
        "Горинов|Gorinov", "Горинова|Gorinova", "Скочиленко|Skochilenko", "Скочиленко|Skochilenko");

    // ── Vietnamese ────────────────────────────────────────────────────────────────────────────────────────────────
    // With diacritics; the Latin spelling without them is made from these.
    public static readonly string[] VietnameseFamily =
    [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
        "Lý", "Đinh", "Trương", "Lương", "Mai", "Tạ", "Cao", "Lâm", "Đoàn", "Trịnh", "Tô", "Hà", "Châu", "Quách", "Thái",
    ];

    public static readonly string[] VietnameseMiddle =
    [
        "Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Thành", "Xuân", "Công", "Đình", "Kim", "Bảo", "Thu",
        "Hồng", "Anh", "Gia", "Trọng", "Quang",
    ];

    public static readonly string[] VietnameseGiven =
    [
        "Đài", "Trang", "Hải", "Hùng", "Dũng", "Tuấn", "Lan", "Hương", "Hà", "Linh", "Nam", "Sơn", "Thắng", "Cường", "Phương",
        "Hoa", "Mai", "Thủy", "Hạnh", "Long", "Quang", "Bình", "An", "Khánh", "Huy", "Tâm", "Vinh", "Hiếu", "Thảo", "Ngân",
        "Yến", "Nhung", "Đạt", "Trung", "Phúc", "Lộc", "Tài", "Kiên", "Quân", "Thư", "Hòa", "Nghĩa", "Thịnh", "Tú", "Việt",
        "Toàn", "Phong", "Duy", "Khoa", "Lực", "Thuận", "Uyên", "Vy", "Diệp", "Giang", "Hiền", "Loan", "Oanh", "Khai", "Chiến",
    ];

    // ── Western ───────────────────────────────────────────────────────────────────────────────────────────────────
    public static readonly Word[] WesternGiven = Latin(
        "John|Jon", "Michael|Micheal|Mikael", "Catherine|Katherine|Kathryn", "Mohammed|Mohamed|Muhammad", "Sarah|Sara",
        "Stephen|Steven", "Philip|Phillip", "Anne|Ann", "Elizabeth|Elisabeth", "Geoffrey|Jeffrey", "Mark|Marc", "Eric|Erik",
        "Karen|Karin", "Brian|Bryan", "Alan|Allan|Allen", "Sean|Shaun|Shawn", "Christopher|Kristopher", "Frederick|Frederik",
        "Nicholas|Nicolas|Nikolas", "Rebecca|Rebekah", "Teresa|Theresa", "Isabel|Isabelle|Isobel", "David", "Peter",
        "Thomas|Tomas", "Andrew", "James", "Robert", "Emma", "Laura", "Julia", "Claire|Clare", "Louise", "Hannah|Hanna",
        "Matthew|Mathew", "Daniel", "Anna", "Helen|Helene", "Jonathan|Johnathan", "Benjamin");

    public static readonly Word[] WesternFamily = Latin(
        "Smith|Smyth", "Johnson|Jonson", "Brown|Browne", "Taylor", "Thompson|Thomson", "Reid|Reed|Read", "Gray|Grey",
        "Clark|Clarke", "Stewart|Stuart", "MacDonald|McDonald", "Anderson|Andersen", "Peterson|Petersen", "Meyer|Meier|Mayer",
        "Schmidt|Schmitt", "Müller|Mueller|Muller", "Wilson", "Davies|Davis", "Evans", "Roberts", "Walker", "Wright", "Hughes",
        "Green|Greene", "Hall", "Wood", "Jackson", "White|Whyte", "Harris", "Martin", "Cooper", "Ward", "Morris", "Moore",
        "King", "Lee|Leigh", "Baker", "Hill", "Scott", "Adams", "Campbell", "Murphy", "Kelly|Kelley", "O'Brien|OBrien",
        "Dubois", "Lefebvre|Lefevre", "Fischer|Fisher", "Schneider|Snyder", "Weber", "Wagner", "Becker",
        "Hoffmann|Hofmann|Hoffman", "Jansen|Janssen", "Bakker", "Visser", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi",
        "García|Garcia", "Fernández|Fernandez", "López|Lopez", "Martínez|Martinez", "González|Gonzalez", "Rodríguez|Rodriguez",
        "Pérez|Perez", "Sánchez|Sanchez", "Olsen|Olson", "Hansen|Hanson", "Larsen|Larson", "Nielsen|Nilsen",
        "Eriksson|Erikson", "Johansson|Johanson", "Karlsson|Carlsson", "Nowak|Novak", "Kowalski", "Horváth|Horvath");

    private static Word[] Latin(params string[] entries) => [.. entries.Select(e => Word.Parse(e.Split('|')[0] + "|" + e))];

    private static (Word, Word)[] Pairs(params string[] entries)
    {
        var pairs = new (Word, Word)[entries.Length / 2];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = (Word.Parse(entries[2 * i]), Word.Parse(entries[2 * i + 1]));
        }
        return pairs;
    }
}
