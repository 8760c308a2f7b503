"""Fill the About page from the programme's own published text (the seed): what the
WeCitizens page is and who runs the programme. The seed gives no contact address, so the
contact fields stay empty for staff to fill."""

from django.db import migrations

INTRODUCTION_TH = 'เพจ WeCitizens ที่ทุกท่านติดตามอยู่นี้ จึงเป็นสื่อกลางในการสื่อสารเรื่องราวของผู้คนหลากหลายในเมืองแห่งการเรียนรู้ จาก18 เมืองทั่วประเทศ\n\nผู้คนและเมืองในแต่ละภูมิภาคล้วนแต่มีอัตลักษณ์ทางวัฒนธรรม และวิถีชีวิตที่แตกต่างกัน ด้วยบริบททางสังคม วัฒนธรรม เศรษฐกิจ ทำให้ทุกเมืองมีแนวคิด แนวทางในการพัฒนาเมืองของตนเองให้เป็นเมืองน่าอยู่ เมืองแห่งการเรียนรู้ที่แตกต่างกันไป'
INTRODUCTION_EN = 'The WeCitizens page is the channel for telling the stories of the many people in the learning cities, from 18 cities across the country.\n\nPeople and cities in each region have their own cultural identity and way of life. Their social, cultural and economic contexts give every city its own ideas and its own path to becoming a livable city and a learning city.'
OWNER_TH = 'หน่วยบริหารและจัดการทุนด้านการพัฒนาระดับพื้นที่ (บพท.)'
OWNER_EN = 'Program Management Unit on Area Based Development (PMUA)'


def fill_about_page(apps, schema_editor):
    AboutPage = apps.get_model("about", "AboutPage")
    if AboutPage.objects.exists():
        return
    AboutPage.objects.create(
        introduction=INTRODUCTION_TH,
        introduction_th=INTRODUCTION_TH,
        introduction_en=INTRODUCTION_EN,
        owner=OWNER_TH,
        owner_th=OWNER_TH,
        owner_en=OWNER_EN,
    )


class Migration(migrations.Migration):
    dependencies = [("about", "0001_about_page")]

    operations = [migrations.RunPython(fill_about_page, migrations.RunPython.noop)]
